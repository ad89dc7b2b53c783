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
/// "Who looked at my record" at Intake: managers only; every read of the person's referrals, newest first; a
/// service that cannot be asked is named as unavailable (the other services' parts: EndToEnd
/// RecordScopeMatrixTests); the look itself is audited.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class PersonAccessLogTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_manager_sees_every_read_of_the_persons_referral_and_which_services_could_not_be_asked()
    {
        var (referralId, personId) = await PersonWithACaseAsync();
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-looked"));
        Assert.Equal(HttpStatusCode.OK, (await linkWorker.GetAsync($"/api/referrals/{referralId}/person")).StatusCode);
        var refused = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south", subject: "lw-refused"));
        Assert.Equal(HttpStatusCode.NotFound, (await refused.GetAsync($"/api/referrals/{referralId}")).StatusCode);
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "mo-manager"));

        var response = await manager.GetAsync($"/api/people/{personId}/access-log");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var entries = log["entries"]!.AsArray();
        Assert.Contains(entries, e => e!["actor"]!.GetValue<string>() == "lw-looked" && e["action"]!.GetValue<string>() == "read"
                                      && e["service"]!.GetValue<string>() == "referral-intake");
        Assert.Contains(entries, e => e!["actor"]!.GetValue<string>() == "lw-refused" && e["action"]!.GetValue<string>() == "refused 404");
        var times = entries.Select(e => e!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        // No other service runs beside this test: the log says so rather than pretending to be whole.
        var services = log["services"]!.AsArray().ToDictionary(s => s!["service"]!.GetValue<string>(), s => s!["status"]!.GetValue<string>());
        Assert.Equal("included", services["referral-intake"]);
        Assert.Equal("unavailable", services["case-management"]);
        Assert.Equal("unavailable", services["wellbeing-metrics"]);
        var looked = await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>().AsNoTracking()
            .CountAsync(a => a.ResourceId == personId && a.ResourceType == "person-access-log" && a.Actor == "mo-manager"));
        Assert.Equal(1, looked);
    }

    [Theory]
    [InlineData("linkworker", HttpStatusCode.Forbidden)]
    [InlineData("callhandler", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Only_managers_may_see_it(string? role, HttpStatusCode expected)
    {
        var (_, personId) = await PersonWithACaseAsync();
        var client = role is null ? factory.CreateClient() : factory.CreateClientWithToken(TestTokens.For(role: role, team: "north"));

        Assert.Equal(expected, (await client.GetAsync($"/api/people/{personId}/access-log")).StatusCode);
    }

    [Fact]
    public async Task A_search_that_found_the_person_and_a_look_at_their_record_are_in_the_log()
    {
        var (_, personId) = await PersonWithACaseAsync();
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-searched"));
        Assert.Equal(HttpStatusCode.OK, (await linkWorker.GetAsync("/api/people?search=lovelace")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await linkWorker.GetAsync($"/api/people/{personId}")).StatusCode);

        var log = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetFromJsonAsync<JsonObject>($"/api/people/{personId}/access-log");

        var mine = log!["entries"]!.AsArray().Where(e => e!["actor"]!.GetValue<string>() == "lw-searched").Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["read", "search"], mine);
    }

    [Fact]
    public async Task An_unknown_person_is_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClientWithToken(TestTokens.For(role: "manager"))
            .GetAsync($"/api/people/{Guid.NewGuid()}/access-log")).StatusCode);

    private async Task<(Guid ReferralId, Guid PersonId)> PersonWithACaseAsync()
    {
        var created = await (await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral())).Content.ReadFromJsonAsync<JsonObject>();
        var id = created!["id"]!.GetValue<Guid>();
        var opened = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), id, created["reference"]!.GetValue<string>(), false, Team: "north");
        await factory.Services.GetRequiredService<IBus>().Publish(opened, ctx => ctx.MessageId = opened.Id);
        await factory.WaitForInboxAsync(opened.Id);
        var person = await factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "setup"))
            .GetFromJsonAsync<JsonObject>($"/api/referrals/{id}/person");
        return (id, person!["personId"]!.GetValue<Guid>());
    }
}
