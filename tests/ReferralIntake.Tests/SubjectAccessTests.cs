using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// Subject access at Intake: a manager starts an export, every other service is asked (SubjectAccessRequested),
/// their parts (here sent by the test, as the services would) complete it, and the manager who asked
/// downloads it once as JSON and once as a printable page. (With the real services: EndToEnd.)
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class SubjectAccessTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Manager(string subject = "mo-manager") => factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: subject));

    [Fact]
    public async Task A_manager_starts_an_export_every_service_contributes_and_it_is_downloaded_once_in_each_format()
    {
        var (referralId, personId, caseId) = await factory.PersonWithACaseAsync();
        var asked = BrokerListener<SubjectAccessRequested>.Start(factory.Services);

        var started = await Manager().PostAsync($"/api/people/{personId}/access-requests", null);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var request = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("pending", request["status"]!.GetValue<string>());
        var requestId = request["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/people/{personId}/access-requests/{requestId}", started.Headers.Location!.OriginalString);
        var question = await asked.ReadAsync(q => q.RequestId == requestId);
        Assert.Equal([referralId], question.ReferralIds);
        Assert.Equal([caseId], question.CaseIds);
        Assert.Equal(HttpStatusCode.Conflict, (await Manager().GetAsync($"/api/people/{personId}/access-requests/{requestId}/export.json")).StatusCode);

        var bus = factory.Services.GetRequiredService<IBus>();
        foreach (var service in new[] { "case-management", "wellbeing-metrics", "service-directory", "notifications" })
        {
            await bus.Publish(new SubjectAccessContributed(Guid.NewGuid(), DateTimeOffset.UtcNow, requestId, service,
                $$"""{"notes":[{"text":"Said {{service}} helped","at":"2026-12-01T10:00:00+00:00"}]}"""));
        }

        await IntakeFactory.Eventually(async () =>
            (await Manager().GetFromJsonAsync<JsonObject>($"/api/people/{personId}/access-requests/{requestId}"))!["status"]!.GetValue<string>() == "ready");
        var ready = (await Manager().GetFromJsonAsync<JsonObject>($"/api/people/{personId}/access-requests/{requestId}"))!;
        Assert.All(ready["services"]!.AsArray(), s => Assert.Equal("included", s!["status"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.Forbidden, (await Manager("another-manager").GetAsync($"/api/people/{personId}/access-requests/{requestId}/export.json")).StatusCode);
        var json = await Manager().GetAsync($"/api/people/{personId}/access-requests/{requestId}/export.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var document = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        var intake = document["services"]!["referral-intake"]!;
        Assert.Equal("Ada", intake["people"]![0]!["givenName"]!.GetValue<string>());
        Assert.Equal(referralId, intake["referrals"]![0]!["id"]!.GetValue<Guid>());
        Assert.Equal("I have been feeling isolated since I moved here.", intake["referrals"]![0]!["reason"]!.GetValue<string>());
        Assert.Contains(intake["auditEntries"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "export-request");
        Assert.Equal("Said case-management helped", document["services"]!["case-management"]!["notes"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Gone, (await Manager().GetAsync($"/api/people/{personId}/access-requests/{requestId}/export.json")).StatusCode);

        var page = await Manager().GetAsync($"/api/people/{personId}/access-requests/{requestId}/export.html");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h2>Referrals and your details</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Given name</dt><dd>Ada</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Said service-directory helped", html, StringComparison.Ordinal);
        Assert.Contains("1 December 2026, 10:00 (UTC)", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await Manager().GetAsync($"/api/people/{personId}/access-requests/{requestId}/export.html")).StatusCode);

        // The copies went with the downloads; the request and its audit stay.
        var stored = await factory.QueryAsync(db => db.AccessRequests.AsNoTracking().Include(r => r.Parts).SingleAsync());
        Assert.Null(stored.Json);
        Assert.Null(stored.Html);
        Assert.All(stored.Parts, p => Assert.Null(p.Data));
        var audited = await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>().Where(a => a.ResourceId == personId && a.Action.StartsWith("export"))
            .Select(a => a.Action).ToListAsync());
        Assert.Equal(["export-download", "export-download", "export-request"], audited.Order());
    }

    [Fact]
    public async Task Exports_are_for_managers_and_an_unknown_person_or_export_is_404()
    {
        var (_, personId, _) = await factory.PersonWithACaseAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await Manager().PostAsync($"/api/people/{Guid.NewGuid()}/access-requests", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager().GetAsync($"/api/people/{personId}/access-requests/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager().GetAsync($"/api/people/{personId}/access-requests/{Guid.NewGuid()}/export.html")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"))
            .PostAsync($"/api/people/{personId}/access-requests", null)).StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.AccessRequests.CountAsync()));
    }
}
