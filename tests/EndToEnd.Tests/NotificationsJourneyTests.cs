using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// Through the whole suite: a person refers themselves with an email address and the acknowledgement, with their
/// reference, is in the AppHost's smtp4dev (where a developer reads it in a browser); nothing clinical in it.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class NotificationsJourneyTests(SuiteFixture suite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_person_who_refers_themselves_with_an_email_address_gets_the_acknowledgement_in_smtp4dev()
    {
        var email = $"ack-{Guid.NewGuid():N}"[..16] + "@example.org";
        var body = SuiteFixture.SelfReferral("Hedy", "Lamarr");
        body["person"]!["email"] = email;
        body["person"]!["preferredContact"] = "email";

        var response = await suite.Gateway.PostAsJsonAsync("/api/referrals", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reference = (await response.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        var text = await suite.MailAsync(email, $"We have your referral: {reference}", TimeSpan.FromSeconds(60));
        Assert.Contains("Dear Hedy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("loneliness", text, StringComparison.OrdinalIgnoreCase);

        // The link worker books a meeting: the person is told when and where, and the day-before reminder is waiting.
        var caseId = (await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(60)))["id"]!.GetValue<Guid>();
        var startsAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3), TimeSpan.Zero).AddHours(11);
        var booked = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/appointments", new { startsAt, mode = "faceToFace", place = "Central Library" });
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        var confirmed = await suite.MailAsync(email, "Your meeting with your link worker", TimeSpan.FromSeconds(60));
        Assert.Contains("Central Library", confirmed, StringComparison.Ordinal);

        // The reminder waits, shown on the case (the API and the page); moving the meeting moves it.
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonObject>())!["appointments"]!.AsArray()
            .Single(a => a!["startsAt"]!.GetValue<DateTimeOffset>() == startsAt)!["id"]!.GetValue<Guid>();
        var first = await PendingReminderAsync(caseId);
        Assert.Equal(DayBeforeAtTen(startsAt), first);
        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await page.GotoAsync($"/caseworker/cases/{caseId}");
        await BrowserFixture.SignInAsync(page, "linkworker", $"/caseworker/cases/{caseId}");
        await page.GotoAsync($"/caseworker/cases/{caseId}#messages");
        var messages = await page.Locator("section[aria-labelledby=messages]").InnerTextAsync();
        Assert.Contains("Reminder the day before", messages, StringComparison.Ordinal);
        Assert.Contains("Email sent: Meeting booked", await page.Locator("#timeline + ol").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        var movedTo = startsAt.AddDays(2);
        var moved = await suite.LinkWorker.PutAsJsonAsync($"/api/cases/{caseId}/appointments/{appointmentId}", new { startsAt = movedTo, mode = "faceToFace", place = "Central Library" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        DateTimeOffset? second = null;
        await SuiteFixture.Eventually(async () => (second = await PendingReminderAsync(caseId)) == DayBeforeAtTen(movedTo), TimeSpan.FromSeconds(60));
        var notices = (await suite.LinkWorker.GetFromJsonAsync<JsonObject>($"/api/notifications/cases/{caseId}/notices"))!["notices"]!.AsArray();
        Assert.Contains(notices, n => n!["kind"]!.GetValue<string>() == "meeting-reminder" && n["status"]!.GetValue<string>() == "cancelled");
        Assert.DoesNotContain(email, notices.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // The public API's view of the same (docs/api.md): GET /api/cases/{id}/messages.
        var contract = await suite.LinkWorker.GetFromJsonAsync<JsonArray>($"/api/cases/{caseId}/messages");
        Assert.Contains(contract!, m => m!["template"]!.GetValue<string>() == "meeting-reminder" && m["status"]!.GetValue<string>() == "scheduled"
                                        && m["channel"]!.GetValue<string>() == "email" && m["to"]!.GetValue<string>() == email
                                        && m["sendAt"]!.GetValue<DateTimeOffset>() == DayBeforeAtTen(movedTo));
        Assert.Contains(contract!, m => m!["template"]!.GetValue<string>() == "meeting-booked" && m["status"]!.GetValue<string>() is "sent" or "delivered");
        Assert.Equal(HttpStatusCode.NotFound, (await (await suite.SignedInAsync("linkworker2")).GetAsync($"/api/cases/{caseId}/messages")).StatusCode);
    }

    /// <summary>When the case's day-before reminder still waiting is due (null while there is none).</summary>
    private async Task<DateTimeOffset?> PendingReminderAsync(Guid caseId)
    {
        DateTimeOffset? due = null;
        await SuiteFixture.Eventually(async () =>
        {
            var listed = await suite.LinkWorker.GetFromJsonAsync<JsonObject>($"/api/notifications/cases/{caseId}/notices");
            due = listed!["notices"]!.AsArray()
                .Where(n => n!["kind"]!.GetValue<string>() == "meeting-reminder" && n["status"]!.GetValue<string>() == "pending")
                .Select(n => (DateTimeOffset?)n!["dueAt"]!.GetValue<DateTimeOffset>()).LastOrDefault();
            return due is not null;
        }, TimeSpan.FromSeconds(60));
        return due;
    }

    /// <summary>10:00 in London the day before a meeting.</summary>
    private static DateTimeOffset DayBeforeAtTen(DateTimeOffset startsAt)
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var day = TimeZoneInfo.ConvertTime(startsAt, london).Date.AddDays(-1).AddHours(10);
        return new DateTimeOffset(day, london.GetUtcOffset(day)).ToUniversalTime();
    }
}
