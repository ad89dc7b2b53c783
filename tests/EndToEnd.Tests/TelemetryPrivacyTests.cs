using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// A referral with unmistakable personal values goes through the whole suite (API, form, status
/// look-up, a staff read); then every log, span and metric exported by every service is searched.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class TelemetryPrivacyTests(SuiteFixture suite)
{
    private static readonly string[] PersonalValues =
    [
        "Zebedee", "Quixotic-Marmaduke", "1971-03-14", "LS17 8EP", "07700 900987", "07700900987",
        "zebedee.q@example.org", "4000000004", "marmalade trampoline", "Sekr1tOneTimeT0kenValue",
        "Sekr1tCalendarT0kenValue", "Sekr1tOptOutT0kenValue", "Sekr1tConfirmT0kenValue", "Sekr1tFeedbackT0kenValue",
    ];

    [Fact]
    public async Task No_personal_value_reaches_logs_traces_or_metrics()
    {
        var referral = new JsonObject
        {
            ["channel"] = "self",
            ["person"] = new JsonObject
            {
                ["givenName"] = "Zebedee", ["familyName"] = "Quixotic-Marmaduke", ["dateOfBirth"] = "1971-03-14",
                ["postcode"] = "LS17 8EP", ["phone"] = "07700 900987", ["email"] = "zebedee.q@example.org",
                ["nhsNumber"] = "4000000004",
            },
            ["needs"] = new JsonArray("nature"),
            ["reason"] = "I keep dreaming of a marmalade trampoline",
            ["consent"] = new JsonObject { ["shareWithLinkWorker"] = true, ["shareWithGp"] = "full" },
            ["risk"] = new JsonObject { ["harmToSelf"] = false, ["harmToOthers"] = false, ["inCrisis"] = true },
        };
        var created = await suite.Gateway.PostAsJsonAsync("/api/referrals", referral);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var reference = body["reference"]!.GetValue<string>();

        // A mistaken submission and a status look-up carry the same values in other places.
        referral["person"]!["postcode"] = "LS17 8EP with a typo";
        await suite.Gateway.PostAsJsonAsync("/api/referrals", referral);
        await new HttpClient { BaseAddress = suite.Gateway.BaseAddress }.GetAsync($"/api/referrals/{reference}/status?dateOfBirth=1971-03-14");
        await suite.LinkWorker.GetAsync($"/api/cases/by-reference/{reference}");
        // A one-time questionnaire link's token is a secret: it must not be kept in traces either.
        await new HttpClient { BaseAddress = suite.Gateway.BaseAddress }.GetAsync("/wellbeing/complete/Sekr1tOneTimeT0kenValue");
        // So are a calendar address, an opt-out link, a provider's listing link and a feedback link.
        foreach (var secret in new[] { "/calendar/Sekr1tCalendarT0kenValue.ics", "/notifications/opt-out/Sekr1tOptOutT0kenValue", "/directory/confirm/Sekr1tConfirmT0kenValue", "/wellbeing/feedback/Sekr1tFeedbackT0kenValue" })
        {
            await new HttpClient { BaseAddress = suite.Gateway.BaseAddress }.GetAsync(secret);
        }

        var before = suite.Telemetry.Exports;
        await SuiteFixture.Eventually(() => Task.FromResult(suite.Telemetry.Exports > before + 10), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var everything = suite.Telemetry.Everything();
        // The sink did receive this run's telemetry (so the search below can fail).
        Assert.Contains("referral-intake", everything, StringComparison.Ordinal);
        Assert.Contains("/api/referrals", everything, StringComparison.Ordinal);
        foreach (var value in PersonalValues)
        {
            var at = everything.IndexOf(value, StringComparison.OrdinalIgnoreCase);
            Assert.True(at < 0, $"'{value}' was found in telemetry: …{Printable(everything, at)}…");
        }
    }

    private static string Printable(string text, int at) =>
        at < 0 ? "" : new string(text[Math.Max(0, at - 150)..Math.Min(text.Length, at + 60)].Select(c => c is >= ' ' and <= '~' ? c : '.').ToArray());
}
