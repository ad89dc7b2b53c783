using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.ReferralIntake.Pages;
using SocialPrescribing.TestSupport;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>The self-referral form, its mistakes and its confirmation in Welsh, and the language switch that keeps what was typed.</summary>
[Collection(IntakeCollection.Name)]
public sealed partial class WelshReferTests(IntakeFactory factory) : IAsyncLifetime
{
    private static readonly string[] Resources =
    [
        "services/ReferralIntake/Pages/PublicText.resx",
        "services/ReferralIntake/Pages/RuleText.resx",
        "services/Shared/WebUI/LayoutText.resx", "services/Shared/WebUI/NeedText.resx",
    ];

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_form_is_all_welsh_and_its_switch_posts_the_form()
    {
        var client = Client();

        var html = await client.GetStringAsync("/refer?lang=cy");

        Assert.Contains("<html lang=\"cy\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Atgyfeirio eich hun ar gyfer presgripsiynu cymdeithasol</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Teimlo&#x27;n unig neu&#x27;n ynysig", html.Replace("'", "&#x27;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(html, Resources));
        var englishPage = await client.GetStringAsync("/refer?lang=en"); // straight after Welsh: the switch back works at once
        Assert.Contains("<html lang=\"en-GB\"", englishPage, StringComparison.Ordinal);
        Assert.NotEmpty(EnglishLeft.In(englishPage, Resources)); // the check finds English where it is
        // The header's English switch submits this form to its language handler, not a link that would lose the answers.
        Assert.Matches(SwitchButton("en"), html);
    }

    [Fact]
    public async Task Mistakes_are_explained_in_welsh_and_nothing_is_stored()
    {
        var client = Client();
        await client.GetAsync("/?lang=cy");

        var response = await PostAsync(client, "/refer", new() { ["GivenName"] = "Siân", ["Postcode"] = "not a postcode", ["Phone"] = "abc" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mae problem", html, StringComparison.Ordinal);
        Assert.Contains("Rhowch y cyfenw.", html, StringComparison.Ordinal);
        Assert.Contains("Rhowch god post go iawn yn y DU, fel LS1 4AP.", html, StringComparison.Ordinal);
        Assert.Contains("Dewiswch o leiaf un peth yr hoffech gael help ag ef.", html, StringComparison.Ordinal);
        Assert.Contains("<title>Gwall: ", html, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(html, Resources));
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Switching_language_mid_form_keeps_every_answer_and_checks_nothing()
    {
        var client = Client();
        var english = await client.GetStringAsync("/refer");
        var submission = SubmissionIdOn().Match(english).Groups[1].Value;

        var response = await PostAsync(client, "/refer?handler=Language&lang=cy", new()
        {
            ["SubmissionId"] = submission,
            ["GivenName"] = "Siân",
            ["FamilyName"] = "Jones",
            ["DobDay"] = "3",
            ["Reason"] = "Rwy'n unig",
            ["Needs"] = "loneliness",
            ["InCrisis"] = "no",
        }, english);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"cy\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Siân\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Jones\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"DobDay\" type=\"text\" inputmode=\"numeric\" autocomplete=\"bday-day\" value=\"3\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"needs\" name=\"Needs\" type=\"checkbox\" value=\"loneliness\" checked", html);
        Assert.Matches("id=\"in-crisis-no\" name=\"InCrisis\" type=\"radio\" value=\"no\" checked", html);
        Assert.Contains($"name=\"SubmissionId\" value=\"{submission}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mae problem", html, StringComparison.Ordinal);
        Assert.Contains("sp.lang=", string.Join(";", response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task A_welsh_referral_is_the_same_referral_with_a_welsh_confirmation()
    {
        var submitted = BrokerListener<ReferralSubmitted>.Start(factory.Services);
        var acknowledged = BrokerListener<ReferralAcknowledgementDue>.Start(factory.Services);
        var client = Client();
        await client.GetAsync("/?lang=cy");

        var response = await PostAsync(client, "/refer", ValidForm());
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Atgyfeiriad wedi&#x27;i anfon", html.Replace("'", "&#x27;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches("<strong id=\"reference\">SP-[2-9A-Z]{4}-[2-9A-Z]{4}</strong>", html);
        Assert.Empty(EnglishLeft.In(html, Resources));
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
        // Chosen in Welsh: the case and the messages are told, so the link worker calls in Welsh and messages are Welsh.
        Assert.Equal("cy", await factory.QueryAsync(db => db.Referrals.Select(r => r.Language).SingleAsync()));
        Assert.Equal("cy", (await submitted.ReadAsync(e => e.Channel == "self")).Language);
        Assert.Equal("cy", (await acknowledged.ReadAsync(e => e.Recipient.GivenName == "Siân")).Recipient.Language);
    }

    [Theory]
    [InlineData("cy", HttpStatusCode.Created)]
    [InlineData("en", HttpStatusCode.Created)]
    [InlineData("fr", HttpStatusCode.BadRequest)]
    [InlineData("CY; DROP TABLE", HttpStatusCode.BadRequest)]
    public async Task The_api_takes_english_or_welsh_and_nothing_else(string language, HttpStatusCode status)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral().With(b => b["language"] = language));

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Contains("\"language\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(0, (await factory.CountAsync()).Referrals);
        }
        else
        {
            Assert.Equal(language, await factory.QueryAsync(db => db.Referrals.Select(r => r.Language).SingleAsync()));
        }
    }

    [Fact]
    public async Task The_phone_form_offers_welsh_and_records_the_answer()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(role: "callhandler", subject: "ch-cy"));

        var page = await client.GetStringAsync("/intake");

        Assert.Contains("Would you like us to speak and write to you in English or in Welsh?", page, StringComparison.Ordinal);
        Assert.Contains("id=\"language-cy\" name=\"Language\" type=\"radio\" value=\"cy\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_message_the_referral_rules_give_the_person_has_welsh()
    {
        var errors = new ValidationErrors();
        var today = new DateOnly(2026, 12, 4);
        ReferralRules.Validate(new ReferralSubmission("self", null, null, new string('x', 4001), null, null, null, "not-a-guid"), today, errors);
        ReferralRules.Validate(new ReferralSubmission("self", new PersonDetails("", "", null, "", "", "", null, null), [], null,
            new ConsentAnswers(false, null), new RiskAnswers(null, null, null), null, null), today, errors);
        ReferralRules.Validate(new ReferralSubmission("self", new PersonDetails(new string('x', 101), new string('x', 101), today.AddDays(1), "nonsense", "abc", "bad", "123", "pigeon"),
            ["no-such-need"], null, new ConsentAnswers(true, "maybe"), new RiskAnswers(false, false, false), null, null), today, errors);
        ReferralRules.Validate(new ReferralSubmission("self", new PersonDetails("A", "B", today.AddYears(-121), "ZZ9 9ZZ", null, "a@example.com", null, "phone"),
            ["money"], null, null, null, null, null), today, errors);
        ReferralRules.Validate(new ReferralSubmission("self", new PersonDetails("A", "B", today.AddYears(-30), "LS1 4AP", "07700 900123", null, null, "email"),
            ["money"], null, null, null, null, null), today, errors);
        var messages = errors.ToDictionary().Where(e => !e.Key.StartsWith("channel", StringComparison.Ordinal)).SelectMany(e => e.Value)
            .Append(DateOfBirthField.NotADate).Distinct().ToList();

        var english = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("cy");
        try
        {
            var untranslated = messages.Where(m => RuleText.Translate(m) == m).ToList();
            Assert.True(messages.Count >= 25, $"Only {messages.Count} messages were made; the cases above no longer reach every rule.");
            Assert.Empty(untranslated);
            Assert.Equal("Nid ydym yn adnabod ardal cod post ZZ9. Gwiriwch y cod post.", RuleText.Translate("We do not recognise the postcode area ZZ9. Check the postcode."));
        }
        finally
        {
            CultureInfo.CurrentUICulture = english;
        }
    }

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = true });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> form, string? page = null)
    {
        page ??= await client.GetStringAsync("/refer");
        var fields = form.ToDictionary();
        fields["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page);
        fields.TryAdd("SubmissionId", SubmissionIdOn().Match(page).Groups[1].Value);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static Dictionary<string, string> ValidForm() => new()
    {
        ["GivenName"] = "Siân",
        ["FamilyName"] = "Jones",
        ["DobDay"] = "3",
        ["DobMonth"] = "12",
        ["DobYear"] = "1970",
        ["Postcode"] = "CF10 1AA",
        ["Phone"] = "07700 900123",
        ["Needs"] = "loneliness",
        ["HarmToSelf"] = "no",
        ["HarmToOthers"] = "no",
        ["InCrisis"] = "no",
        ["ShareWithLinkWorker"] = "true",
        ["ShareWithGp"] = "codesOnly",
    };

    private static Regex SwitchButton(string to) =>
        new($"<button class=\"nhsuk-header__account-button\" type=\"submit\" form=\"referral-form\" formaction=\"/refer\\?handler=Language&amp;lang={to}\" formnovalidate");

    [GeneratedRegex("name=\"SubmissionId\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex SubmissionIdOn();
}
