using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>The /refer form as a browser without JavaScript uses it: GET, then a plain form POST.</summary>
[Collection(IntakeCollection.Name)]
public sealed partial class ReferPageTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Valid_form_creates_a_referral_and_shows_the_reference()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

        var page = await PostFormAsync(client, ValidForm());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Matches(ReferenceOnPage(), html);
        Assert.DoesNotContain("Get help now", html, StringComparison.Ordinal);
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Risk_answer_yes_shows_crisis_routes_at_once()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        var form = ValidForm();
        form["InCrisis"] = "yes";

        var html = await (await PostFormAsync(client, form)).Content.ReadAsStringAsync();

        Assert.Contains("Get help now", html, StringComparison.Ordinal);
        Assert.Contains("116 123", html, StringComparison.Ordinal);
        Assert.Contains("NHS 111", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_crisis_routes_are_in_welsh_for_someone_who_chose_cymraeg()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        await client.GetAsync("/?lang=cy");
        var form = ValidForm();
        form["InCrisis"] = "yes";

        var html = await (await PostFormAsync(client, form)).Content.ReadAsStringAsync();

        Assert.Contains("Cael help nawr", html, StringComparison.Ordinal);
        Assert.Contains("Ffoniwch <strong>999</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>GIG 111</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>116 123</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Get help now", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HarmToSelf")]
    [InlineData("HarmToOthers")]
    [InlineData("InCrisis")]
    public async Task A_yes_to_a_risk_question_keeps_the_crisis_routes_on_the_page_that_asks_for_corrections(string question)
    {
        var client = factory.CreateClient();
        var form = ValidForm();
        form[question] = "yes";
        form["FamilyName"] = "";

        var html = await (await PostFormAsync(client, form)).Content.ReadAsStringAsync();

        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Get help now", html, StringComparison.Ordinal);
        Assert.Contains("116 123", html, StringComparison.Ordinal);
        Assert.Contains("has not been sent yet", html, StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Mistakes_are_shown_next_to_their_fields_and_nothing_is_stored()
    {
        var client = factory.CreateClient();
        var form = ValidForm();
        form["FamilyName"] = "";
        form["DobMonth"] = "13";
        form.Remove("ShareWithLinkWorker");

        var response = await PostFormAsync(client, form);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#family-name\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"family-name-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"dob-day-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"share-with-link-worker-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Get help now", html, StringComparison.Ordinal);
        // What the person typed is kept.
        Assert.Contains("value=\"Grace\"", html, StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task The_same_form_sent_twice_makes_one_referral_and_shows_the_same_reference()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        var page = await client.GetStringAsync("/refer");
        var fields = ValidForm();
        fields["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page);
        fields["SubmissionId"] = SubmissionId().Match(page).Groups[1].Value;

        var first = await (await client.PostAsync("/refer", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync();
        fields["Needs"] = "food";
        var second = await (await client.PostAsync("/refer", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync();

        Assert.Equal(ReferenceOnPage().Match(first).Value, ReferenceOnPage().Match(second).Value);
        Assert.Matches(ReferenceOnPage(), first);
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task What_was_typed_is_shown_back_encoded_never_as_markup()
    {
        var form = ValidForm();
        form["Reason"] = "<script>alert('x')</script>";
        form["GivenName"] = "\"><img src=x onerror=alert(1)>";
        form.Remove("ShareWithLinkWorker");

        var html = await (await PostFormAsync(factory.CreateClient(), form)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Form_post_without_antiforgery_token_is_refused()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsync("/refer", new FormUrlEncodedContent(ValidForm()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Every_form_control_has_a_label()
    {
        var html = await factory.CreateClient().GetStringAsync("/refer");

        var ids = InputId().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains($"for=\"{id}\"", html, StringComparison.Ordinal));
    }

    internal static Dictionary<string, string> ValidForm() => new()
    {
        ["GivenName"] = "Grace",
        ["FamilyName"] = "Hopper",
        ["DobDay"] = "9",
        ["DobMonth"] = "12",
        ["DobYear"] = "1956",
        ["Postcode"] = "ls1 4ap",
        ["Phone"] = "07700 900456",
        ["Needs"] = "nature",
        ["HarmToSelf"] = "no",
        ["HarmToOthers"] = "no",
        ["InCrisis"] = "no",
        ["ShareWithLinkWorker"] = "true",
        ["ShareWithGp"] = "codesOnly",
    };

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync("/refer");
        var token = FormFields.AntiforgeryToken(page);
        var fields = form.ToDictionary();
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync("/refer", new FormUrlEncodedContent(fields));
    }


    [GeneratedRegex("<strong id=\"reference\">SP-[2-9A-Z]{4}-[2-9A-Z]{4}</strong>")]
    private static partial Regex ReferenceOnPage();

    [GeneratedRegex("name=\"SubmissionId\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex SubmissionId();

    [GeneratedRegex("<(?:input|textarea)[^>]*\\bid=\"([^\"]+)\"")]
    private static partial Regex InputId();
}
