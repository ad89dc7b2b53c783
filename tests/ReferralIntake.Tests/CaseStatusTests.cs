using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>The status a person sees follows Case Management's events, delivered through the real broker.</summary>
[Collection(IntakeCollection.Name)]
public sealed class CaseStatusTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Status_moves_from_received_to_assigned_to_in_progress_to_closed()
    {
        var (id, reference) = await SubmitAsync();
        var caseId = Guid.NewGuid();

        await PublishAsync(new CaseAssigned(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [id], "lw-1"));
        await WaitForStatusAsync(reference, ReferralStatus.Assigned);

        // Referral → AssessmentArranged is the journey starting.
        await PublishAsync(new CaseStepChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [id], "Referral", "AssessmentArranged"));
        await WaitForStatusAsync(reference, ReferralStatus.InProgress);

        await PublishAsync(new CaseClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [id], "Outcomes"));
        await WaitForStatusAsync(reference, ReferralStatus.Closed);
    }

    [Fact]
    public async Task A_case_opened_with_its_link_worker_shows_assigned_and_one_opened_without_stays_received()
    {
        var (given, givenReference) = await SubmitAsync();
        var (waiting, waitingReference) = await SubmitAsync();
        var withWorker = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), given, givenReference, false, Team: "north", AssignedTo: "lw-1");
        var withoutWorker = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), waiting, waitingReference, false, Team: "north");

        await PublishAsync(withWorker);
        await PublishAsync(withoutWorker);
        await factory.WaitForInboxAsync(withoutWorker.Id);
        await WaitForStatusAsync(givenReference, ReferralStatus.Assigned);

        Assert.Equal(ReferralStatus.Received, await StatusAsync(waitingReference));
    }

    [Fact]
    public async Task A_late_event_never_moves_the_status_back()
    {
        var (id, reference) = await SubmitAsync();
        var caseId = Guid.NewGuid();

        await PublishAsync(new CaseClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [id], "Declined"));
        await WaitForStatusAsync(reference, ReferralStatus.Closed);
        var late = new CaseAssigned(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [id], "lw-1");
        await PublishAsync(late);
        await factory.WaitForInboxAsync(late.Id);

        Assert.Equal(ReferralStatus.Closed, await StatusAsync(reference));
    }

    [Fact]
    public async Task A_closed_referral_no_longer_gathers_repeats_of_the_person()
    {
        var first = await SubmitAsync();
        await PublishAsync(new CaseClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [first.Id], "Outcomes"));
        await WaitForStatusAsync(first.Reference, ReferralStatus.Closed);

        var again = await SubmitAsync();

        var staff = factory.CreateClientWithToken(TestSupport.TestTokens.For(role: "manager"));
        var summary = await staff.GetFromJsonAsync<JsonObject>($"/api/referrals/{again.Id}");
        Assert.Equal(ReferralStatus.Received, summary!["status"]!.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.ReferralDbContext>();
        Assert.Null((await db.Referrals.FindAsync(again.Id))!.DuplicateOfId);
    }

    [Fact]
    public async Task The_persons_details_are_for_the_link_workers_of_the_case_team_and_managers_and_each_read_is_audited()
    {
        var (id, reference) = await SubmitAsync();
        var north = factory.CreateClientWithToken(TestSupport.TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));
        var south = factory.CreateClientWithToken(TestSupport.TestTokens.For(role: "linkworker", team: "south", subject: "lw-south"));
        var callHandler = factory.CreateClientWithToken(TestSupport.TestTokens.For(role: "callhandler"));
        // Before Case Management opened a case no team's link worker may read it.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await north.GetAsync($"/api/referrals/{id}/person")).StatusCode);

        var opened = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), id, reference, false, Team: "north");
        await PublishAsync(opened);
        await factory.WaitForInboxAsync(opened.Id);

        var person = await north.GetFromJsonAsync<JsonObject>($"/api/referrals/{id}/person");
        var submitted = Referrals.ValidSelfReferral()["person"]!;
        Assert.Equal(submitted["givenName"]!.GetValue<string>(), person!["givenName"]!.GetValue<string>());
        Assert.Equal(submitted["dateOfBirth"]!.GetValue<string>(), person["dateOfBirth"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await south.GetAsync($"/api/referrals/{id}/person")).StatusCode);
        // A call handler reads only the referrals they took.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await callHandler.GetAsync($"/api/referrals/{id}/person")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await factory.CreateClientWithToken(TestSupport.TestTokens.For(role: "manager")).GetAsync($"/api/referrals/{id}/person")).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.ReferralDbContext>();
        Assert.Equal(2, db.Set<Messaging.Audit.AuditEntry>().Count(a => a.ResourceId == id && a.Action == "read" && a.Route.EndsWith("/person")));
    }

    private async Task<(Guid Id, string Reference)> SubmitAsync()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral());
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (body!["id"]!.GetValue<Guid>(), body["reference"]!.GetValue<string>());
    }

    private async Task PublishAsync<T>(T message) where T : class, IIntegrationEvent =>
        await factory.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = message.Id);

    private async Task<string?> StatusAsync(string reference)
    {
        var dateOfBirth = Referrals.ValidSelfReferral()["person"]!["dateOfBirth"]!.GetValue<string>();
        var response = await factory.CreateClient().GetAsync($"/api/referrals/{reference}/status?dateOfBirth={dateOfBirth}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>() : null;
    }

    private Task WaitForStatusAsync(string reference, string status) =>
        IntakeFactory.Eventually(async () => await StatusAsync(reference) == status);
}
