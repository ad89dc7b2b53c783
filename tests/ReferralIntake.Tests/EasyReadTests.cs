using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// The easy-read self-referral as a browser without JavaScript uses it: one question a page, a picture with a text
/// alternative on each, answers carried page to page, and the same referral as the full form at the end.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed partial class EasyReadTests(IntakeFactory factory) : IAsyncLifetime
{
    private static readonly string[] Resources = ["services/ReferralIntake/Pages/PublicText.resx", "services/ReferralIntake/Pages/RuleText.resx", "services/Shared/WebUI/LayoutText.resx", "services/Shared/WebUI/NeedText.resx"];

    /// <summary>What the person answers on each page, in order (the start page and the check page ask nothing).</summary>
    private static readonly Dictionary<string, string[]>[] Answers =
    [
        [],
        new() { ["GivenName"] = ["Ann"], ["FamilyName"] = ["Easy"] },
        new() { ["DobDay"] = ["3"], ["DobMonth"] = ["4"], ["DobYear"] = ["1960"] },
        new() { ["Postcode"] = ["LS1 4AP"] },
        new() { ["Phone"] = ["07700 900123"] },
        new() { ["Needs"] = ["loneliness", "nature"] },
        new() { ["HarmToSelf"] = ["no"] },
        new() { ["HarmToOthers"] = ["no"] },
        new() { ["InCrisis"] = ["no"] },
        new() { ["ShareWithLinkWorker"] = ["true"] },
        new() { ["ShareWithGp"] = ["codesOnly"] },
    ];

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_home_page_and_the_full_form_lead_to_it()
    {
        var client = Client();

        Assert.Contains("href=\"/refer/easy-read\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("href=\"/refer/easy-read\"", await client.GetStringAsync("/refer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_question_a_page_with_a_picture_each_makes_the_same_referral_as_the_full_form()
    {
        var client = Client();
        var html = await client.GetStringAsync("/refer/easy-read");
        var pictures = new List<string>();

        for (var step = 0; step < Answers.Length; step++)
        {
            pictures.Add(Picture().Match(html).Groups[1].Value);
            Assert.Single(QuestionHeading().Matches(html)); // one question a page
            html = await (await PostAsync(client, html, "Next", Answers[step])).Content.ReadAsStringAsync();
        }

        Assert.Contains("<h1>Check your answers</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Ann Easy", html, StringComparison.Ordinal);
        Assert.Contains("Feeling lonely or isolated, Nature and outdoor activities", html, StringComparison.Ordinal);
        Assert.All(pictures, alternative => Assert.False(string.IsNullOrWhiteSpace(alternative)));
        Assert.Contains("A house", pictures);

        var sent = await PostAsync(client, html, "Send", []);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Matches("<strong id=\"reference\">SP-[2-9A-Z]{4}-[2-9A-Z]{4}</strong>", await sent.Content.ReadAsStringAsync());
        var referral = await factory.QueryAsync(db => db.Referrals.SingleAsync());
        Assert.Equal(("self", false, "codesOnly", "en"), (referral.Channel, referral.HarmToSelf, referral.ShareWithGp, referral.Language));
        Assert.Equal(["loneliness", "nature"], referral.Needs);
    }

    [Fact]
    public async Task A_page_shows_only_its_own_mistakes_and_keeps_the_answers_before_it()
    {
        var client = Client();
        var html = await client.GetStringAsync("/refer/easy-read");
        html = await (await PostAsync(client, html, "Next", [])).Content.ReadAsStringAsync();
        html = await (await PostAsync(client, html, "Next", Answers[1])).Content.ReadAsStringAsync();

        var wrong = await PostAsync(client, html, "Next", new() { ["DobDay"] = ["31"], ["DobMonth"] = ["2"], ["DobYear"] = ["1990"] });
        var page = await wrong.Content.ReadAsStringAsync();

        Assert.Contains("Date of birth must be a real date", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter a postcode", page, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"GivenName\" value=\"Ann\">", page, StringComparison.Ordinal);
        Assert.Contains("Question 2 of 10", page, StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task A_yes_to_a_safety_question_shows_the_crisis_routes_on_the_pages_that_follow()
    {
        var client = Client();
        var html = await client.GetStringAsync("/refer/easy-read");
        for (var step = 0; step < 6; step++)
        {
            html = await (await PostAsync(client, html, "Next", Answers[step])).Content.ReadAsStringAsync();
        }

        html = await (await PostAsync(client, html, "Next", new() { ["HarmToSelf"] = ["yes"] })).Content.ReadAsStringAsync();

        Assert.Contains("Get help now", html, StringComparison.Ordinal);
        Assert.Contains("116 123", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_welsh_every_page_is_welsh_and_the_referral_says_so()
    {
        var client = Client();
        var html = await client.GetStringAsync("/refer/easy-read?lang=cy");

        for (var step = 0; step < Answers.Length; step++)
        {
            Assert.Contains("<html lang=\"cy\"", html, StringComparison.Ordinal);
            Assert.Empty(EnglishLeft.In(html, Resources));
            html = await (await PostAsync(client, html, "Next", Answers[step])).Content.ReadAsStringAsync();
        }

        Assert.Contains("Gwiriwch eich atebion", html, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(html, Resources));
        await PostAsync(client, html, "Send", []);
        Assert.Equal("cy", await factory.QueryAsync(db => db.Referrals.Select(r => r.Language).SingleAsync()));
    }

    [Fact]
    public async Task Changing_an_answer_from_the_check_page_goes_back_to_that_question_with_everything_kept()
    {
        var client = Client();
        var html = await client.GetStringAsync("/refer/easy-read");
        foreach (var answers in Answers)
        {
            html = await (await PostAsync(client, html, "Next", answers)).Content.ReadAsStringAsync();
        }

        var change = await PostAsync(client, html, "Change", new() { ["to"] = ["3"] });
        var page = await change.Content.ReadAsStringAsync();

        Assert.Contains("<h1>What is your postcode?</h1>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"LS1 4AP\"", page, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"ShareWithGp\" value=\"codesOnly\">", page, StringComparison.Ordinal);
    }

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = true });

    /// <summary>Posts the page as a browser would: its hidden fields (the antiforgery token among them) and this page's answers.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string html, string handler, Dictionary<string, string[]> answers)
    {
        var fields = InputTag().Matches(html).Select(m => m.Value).Where(tag => tag.Contains("type=\"hidden\"", StringComparison.Ordinal))
            .Select(tag => new KeyValuePair<string, string>(NameOf().Match(tag).Groups[1].Value, WebUtility.HtmlDecode(ValueOf().Match(tag).Groups[1].Value)))
            .Concat(answers.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>(a.Key, v))));
        return client.PostAsync($"/refer/easy-read?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<input [^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bname=\"([^\"]*)\"")]
    private static partial Regex NameOf();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueOf();

    [GeneratedRegex("role=\"img\" aria-labelledby=\"easy-read-picture\"[^>]*>\\s*<title id=\"easy-read-picture\">([^<]*)</title>")]
    private static partial Regex Picture();

    [GeneratedRegex("<h1[ >]")]
    private static partial Regex QuestionHeading();
}
