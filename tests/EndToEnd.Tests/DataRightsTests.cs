using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// The person's rights across the whole suite, through the gateway: a subject access export that every
/// service contributes to (Intake, Case Management, Wellbeing Metrics, the Directory's provider referrals,
/// the audit of who read the record), for a person with 3 referrals and 100 notes.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class DataRightsTests(SuiteFixture suite, ITestOutputHelper output)
{
    [Fact]
    public async Task A_subject_access_export_has_every_services_part_for_a_person_with_3_referrals_and_100_notes()
    {
        var familyName = "Exportable-" + string.Concat(Enumerable.Range(0, 6).Select(_ => (char)('a' + Random.Shared.Next(26))));
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Sabine", familyName));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            references.Add((await created.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>());
        }

        var caseId = (await suite.WaitForCaseAsync(references[0], TimeSpan.FromSeconds(60)))["id"]!.GetValue<Guid>();
        await SuiteFixture.Eventually(async () =>
            (await suite.LinkWorker.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["alsoReferred"]!.AsArray().Count == 2, TimeSpan.FromSeconds(60));
        for (var i = 1; i <= 100; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/notes", new { text = $"Note {i} about Sabine" })).StatusCode);
        }

        var service = await suite.ProviderServiceAsync();
        Assert.Equal(HttpStatusCode.OK, (await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new
        {
            serviceId = service.Id, serviceName = service.Name, person = new { givenName = "Sabine" }, note = "Sabine likes mornings", personAgreed = true,
        })).StatusCode);
        await SuiteFixture.Eventually(async () => (await suite.LinkWorker.PostAsJsonAsync("/api/wellbeing/assessments", new
        {
            caseId, instrument = "ons4", timepoint = "baseline", mode = "faceToFace", responses = new[] { 5, 6, 4, 3 },
            completedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
        })).StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60));
        using var manager = await suite.SignedInAsync("manager");
        var found = (await manager.GetFromJsonAsync<JsonObject>($"/api/people?search={familyName}"))!["items"]!.AsArray();
        var personId = Assert.Single(found)!["id"]!.GetValue<Guid>();
        // The provider referral is in the directory before the export asks for it.
        using var provider = await suite.SignedInAsync("provider");
        await SuiteFixture.Eventually(async () => (await provider.GetStringAsync("/api/directory/referrals?status=all")).Contains("Sabine likes mornings", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));

        var clock = Stopwatch.StartNew();
        var started = await manager.PostAsync($"/api/people/{personId}/access-requests", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        await SuiteFixture.Eventually(async () => (await manager.GetFromJsonAsync<JsonObject>(location))!["status"]!.GetValue<string>() == "ready", TimeSpan.FromSeconds(120));
        clock.Stop();
        output.WriteLine($"Subject access: ready {clock.ElapsedMilliseconds} ms after it was asked for (3 referrals, 100 notes)");

        var document = JsonNode.Parse(await manager.GetStringAsync(location + "/export.json"))!;
        var services = document["services"]!;
        Assert.Equal(3, services["referral-intake"]!["referrals"]!.AsArray().Count);
        var held = Assert.Single(services["case-management"]!["cases"]!.AsArray())!;
        Assert.Equal(100, held["notes"]!.AsArray().Count);
        Assert.Contains(services["case-management"]!["auditEntries"]!.AsArray(), e => e!["resourceId"]!.GetValue<Guid>() == caseId);
        Assert.Equal("ons4", Assert.Single(services["wellbeing-metrics"]!["assessments"]!.AsArray())!["instrumentId"]!.GetValue<string>());
        Assert.Equal("Sabine likes mornings", Assert.Single(services["service-directory"]!["providerReferrals"]!.AsArray())!["note"]!.GetValue<string>());
        var page = await manager.GetAsync(location + "/export.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Note 100 about Sabine", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await manager.GetAsync(location + "/export.json")).StatusCode);
    }
}
