using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// Erasure at Intake: a manager erases a person where the setting for the lawful basis allows it; the
/// event carries ids only; Intake erases its own copy and confirms; the request is done when every
/// service has confirmed (the other services' confirmations here sent by the test; with the real
/// services, and the scan of every table and queue: EndToEnd DataRightsTests).
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class ErasureTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Manager => factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "mo-manager"));

    [Fact]
    public async Task A_manager_erases_a_person_intake_erases_its_copy_and_the_request_shows_each_services_confirmation()
    {
        var (referralId, personId, caseId) = await factory.PersonWithACaseAsync();
        Assert.Equal(HttpStatusCode.OK, (await Manager.GetAsync("/api/people?search=lovelace")).StatusCode);
        var asked = BrokerListener<PersonErasureRequested>.Start(factory.Services);

        var response = await Manager.PostAsJsonAsync($"/api/people/{personId}/erasure-requests", new { reason = "Their written request of 3 December" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var erasure = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var requestId = erasure["id"]!.GetValue<Guid>();
        Assert.Equal("pending", erasure["status"]!.GetValue<string>());
        var sent = await asked.ReadAsync(e => e.RequestId == requestId);
        Assert.Equal([personId], sent.Keys.PersonIds);
        Assert.Equal([referralId], sent.Keys.ReferralIds);
        Assert.Equal([caseId], sent.Keys.CaseIds);
        Assert.Equal(HttpStatusCode.Conflict, (await Manager.PostAsJsonAsync($"/api/people/{personId}/erasure-requests", new { reason = "Again" })).StatusCode);

        // Intake erases its own copy and confirms.
        await IntakeFactory.Eventually(async () => await ConfirmedAsync(personId, requestId) is ["referral-intake"]);
        Assert.Equal(0, await factory.QueryAsync(db => db.People.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.Referrals.CountAsync()));
        var search = await factory.QueryAsync(db => db.PersonSearches.AsNoTracking().SingleAsync());
        Assert.Empty(search.Terms);
        Assert.Empty(search.FoundPersonIds);
        var tombstones = await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>().Where(a => a.Action == "erased").Select(a => new { a.ResourceId, a.Actor }).ToListAsync());
        Assert.Contains(tombstones, t => t.ResourceId == personId && t.Actor == "mo-manager");

        var bus = factory.Services.GetRequiredService<IBus>();
        foreach (var service in new[] { "case-management", "wellbeing-metrics", "service-directory", "notifications" })
        {
            await bus.Publish(new PersonErased(Guid.NewGuid(), DateTimeOffset.UtcNow, requestId, service, 3));
        }

        await IntakeFactory.Eventually(async () =>
            (await Manager.GetFromJsonAsync<JsonObject>($"/api/people/{personId}/erasure-requests/{requestId}"))!["status"]!.GetValue<string>() == "done");
        var done = (await Manager.GetFromJsonAsync<JsonObject>($"/api/people/{personId}/erasure-requests/{requestId}"))!;
        Assert.All(done["services"]!.AsArray(), s => Assert.NotNull(s!["confirmedAt"]));
        Assert.Equal("Their written request of 3 December", done["reason"]!.GetValue<string>());
        // The person is gone: a new erasure or export of them is a 404.
        Assert.Equal(HttpStatusCode.NotFound, (await Manager.PostAsJsonAsync($"/api/people/{personId}/erasure-requests", new { reason = "Again" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager.PostAsync($"/api/people/{personId}/access-requests", null)).StatusCode);
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.BadRequest)]
    [InlineData("{\"reason\":\"   \"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"reason\":\"Asked\",\"everything\":true}", HttpStatusCode.BadRequest)]
    public async Task An_erasure_needs_a_reason(string body, HttpStatusCode expected)
    {
        var (_, personId, _) = await factory.PersonWithACaseAsync();

        var response = await Manager.PostAsync($"/api/people/{personId}/erasure-requests", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.ErasureRequests.CountAsync()));
        Assert.Equal(1, await factory.QueryAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task Erasure_is_for_managers_and_an_unknown_person_is_404()
    {
        var (_, personId, _) = await factory.PersonWithACaseAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"))
            .PostAsJsonAsync($"/api/people/{personId}/erasure-requests", new { reason = "Asked" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager.PostAsJsonAsync($"/api/people/{Guid.NewGuid()}/erasure-requests", new { reason = "Asked" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager.GetAsync($"/api/people/{personId}/erasure-requests/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task Where_the_lawful_basis_allows_restriction_only_erasure_is_refused_with_a_422()
    {
        var (_, personId, _) = await factory.PersonWithACaseAsync();
        await using var restricted = factory.WithWebHostBuilder(b => b.UseSetting("Privacy:Erasure:public-task", "restrict-only"));
        var client = restricted.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(role: "manager"));

        var response = await client.PostAsJsonAsync($"/api/people/{personId}/erasure-requests", new { reason = "Asked" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.People.CountAsync()));
        await restricted.BusStartedAsync();
    }

    [Theory]
    [InlineData("Privacy:LawfulBasis", "public-interest")]
    [InlineData("Privacy:Erasure:consent", "sometimes")]
    public async Task A_wrong_erasure_setting_stops_the_service_naming_it(string setting, string value)
    {
        await using var wrong = factory.WithWebHostBuilder(b => b.UseSetting(setting, value));

        var failure = Assert.ThrowsAny<Exception>(() => wrong.CreateClient());

        Assert.Contains(setting, failure.ToString(), StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    private async Task<List<string>> ConfirmedAsync(Guid personId, Guid requestId) =>
        [.. (await Manager.GetFromJsonAsync<JsonObject>($"/api/people/{personId}/erasure-requests/{requestId}"))!["services"]!.AsArray()
            .Where(s => s!["confirmedAt"] is not null).Select(s => s!["service"]!.GetValue<string>())];
}
