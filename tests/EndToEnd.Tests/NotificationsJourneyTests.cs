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
public sealed class NotificationsJourneyTests(SuiteFixture suite)
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
        using var mail = new HttpClient { BaseAddress = suite.App.GetEndpoint("smtp4dev", "http") };
        JsonNode? message = null;
        await SuiteFixture.Eventually(async () =>
        {
            var page = await mail.GetFromJsonAsync<JsonObject>("/api/messages?pageSize=500");
            message = page!["results"]!.AsArray().FirstOrDefault(m => m!["to"]!.AsArray().Any(t => t!.GetValue<string>().Contains(email, StringComparison.OrdinalIgnoreCase)));
            return message is not null;
        }, TimeSpan.FromSeconds(60));
        Assert.Equal($"We have your referral: {reference}", message!["subject"]!.GetValue<string>());
        var text = await mail.GetStringAsync($"/api/messages/{message["id"]!.GetValue<Guid>()}/plaintext");
        Assert.Contains("Dear Hedy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("loneliness", text, StringComparison.OrdinalIgnoreCase);

        // The link worker books a meeting: the person is told when and where, and the day-before reminder is waiting.
        var caseId = (await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(60)))["id"]!.GetValue<Guid>();
        var startsAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3), TimeSpan.Zero).AddHours(11);
        var booked = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/appointments", new { startsAt, mode = "faceToFace", place = "Central Library" });
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        JsonNode? confirmation = null;
        await SuiteFixture.Eventually(async () =>
        {
            var page = await mail.GetFromJsonAsync<JsonObject>("/api/messages?pageSize=500");
            confirmation = page!["results"]!.AsArray().FirstOrDefault(m =>
                m!["subject"]!.GetValue<string>() == "Your meeting with your link worker"
                && m["to"]!.AsArray().Any(t => t!.GetValue<string>().Contains(email, StringComparison.OrdinalIgnoreCase)));
            return confirmation is not null;
        }, TimeSpan.FromSeconds(60));
        var confirmed = await mail.GetStringAsync($"/api/messages/{confirmation!["id"]!.GetValue<Guid>()}/plaintext");
        Assert.Contains("Central Library", confirmed, StringComparison.Ordinal);
    }
}
