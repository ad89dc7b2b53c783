using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>A person referred again while their case is open: one case, both references, the urgency of either.</summary>
[Collection(CaseCollection.Name)]
public sealed class DuplicateReferralTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_repeat_referral_joins_the_open_case_and_either_reference_finds_it()
    {
        var first = Referral("SP-D1RS-T222", urgent: false);
        var repeat = Referral("SP-D2EP-EAT3", urgent: false, source: "gp", duplicateOf: first.ReferralId);

        await PublishAsync(first);
        var caseId = await factory.WaitForCaseAsync("SP-D1RS-T222");
        await PublishAsync(repeat);
        await CaseFactory.Eventually(async () => (await GetAsync("/api/cases/by-reference/SP-D2EP-EAT3")).StatusCode == HttpStatusCode.OK);

        var byRepeat = await Admin().GetFromJsonAsync<JsonObject>("/api/cases/by-reference/SP-D2EP-EAT3");
        Assert.Equal(caseId, byRepeat!["id"]!.GetValue<Guid>());
        var also = Assert.Single(byRepeat["alsoReferred"]!.AsArray());
        Assert.Equal("gp", also!["source"]!.GetValue<string>());
        var all = await Admin().GetFromJsonAsync<JsonObject>("/api/cases");
        Assert.Equal(1, all!["totalItems"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_repeat_that_overtakes_the_first_referral_waits_for_its_case()
    {
        var first = Referral("SP-0VER-TAK2", urgent: false);
        var repeat = Referral("SP-0VER-TAK3", urgent: true, duplicateOf: first.ReferralId);

        // The repeat is consumed first and finds no case; its retry finds the case the first opened.
        await PublishAsync(repeat);
        await PublishAsync(first);

        await CaseFactory.Eventually(async () => (await GetAsync("/api/cases/by-reference/SP-0VER-TAK3")).StatusCode == HttpStatusCode.OK);
        var joined = await Admin().GetFromJsonAsync<JsonObject>("/api/cases/by-reference/SP-0VER-TAK2");
        Assert.True(joined!["urgent"]!.GetValue<bool>());
        Assert.Equal(1, (await Admin().GetFromJsonAsync<JsonObject>("/api/cases"))!["totalItems"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_red_flag_puts_the_case_in_the_same_day_queue_at_the_top()
    {
        await PublishAsync(Referral("SP-R0UT-1NE2", urgent: false));
        var flagged = Referral("SP-F1AG-GED2", urgent: true);
        await PublishAsync(flagged);
        await factory.Services.GetRequiredService<IBus>().Publish(
            new ReferralFlaggedUrgent(Guid.NewGuid(), DateTimeOffset.UtcNow, flagged.ReferralId, flagged.Reference));

        await CaseFactory.Eventually(async () =>
        {
            var response = await GetAsync("/api/cases/by-reference/SP-F1AG-GED2");
            return response.StatusCode == HttpStatusCode.OK
                   && (await response.Content.ReadFromJsonAsync<JsonObject>())!["flaggedUrgentAt"] is not null;
        });
        await factory.WaitForCaseAsync("SP-R0UT-1NE2");
        var queue = await Admin().GetFromJsonAsync<JsonObject>("/api/cases");
        Assert.Equal("SP-F1AG-GED2", queue!["items"]![0]!["reference"]!.GetValue<string>());
        var sameDay = await Admin().GetFromJsonAsync<JsonObject>("/api/cases?urgent=true");
        Assert.Equal(["SP-F1AG-GED2"], sameDay!["items"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_withdrawn_referral_withdraws_its_case_unless_another_referral_keeps_it_open()
    {
        var alone = Referral("SP-W1TH-DRN2", urgent: false);
        var first = Referral("SP-KEPT-0PN2", urgent: false);
        var repeat = Referral("SP-KEPT-0PN3", urgent: false, duplicateOf: first.ReferralId);
        await PublishAsync(alone);
        await PublishAsync(first);
        await factory.WaitForCaseAsync("SP-W1TH-DRN2");
        await factory.WaitForCaseAsync("SP-KEPT-0PN2");
        await PublishAsync(repeat);
        await factory.WaitForCaseAsync("SP-KEPT-0PN3");

        var bus = factory.Services.GetRequiredService<IBus>();
        await bus.Publish(new ReferralWithdrawn(Guid.NewGuid(), DateTimeOffset.UtcNow, alone.ReferralId, alone.Reference));
        await bus.Publish(new ReferralWithdrawn(Guid.NewGuid(), DateTimeOffset.UtcNow, first.ReferralId, first.Reference));

        await CaseFactory.Eventually(async () =>
            (await Admin().GetFromJsonAsync<JsonObject>("/api/cases/by-reference/SP-W1TH-DRN2"))!["step"]!.GetValue<string>() == "Withdrawn");
        await CaseFactory.Eventually(async () => await WithdrawalsHandledAsync() == 2);
        Assert.Equal("Referral", (await Admin().GetFromJsonAsync<JsonObject>("/api/cases/by-reference/SP-KEPT-0PN2"))!["step"]!.GetValue<string>());
    }

    private async Task<int> WithdrawalsHandledAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.CaseDbContext>();
        return await db.Set<Messaging.Inbox.InboxMessage>()
            .CountAsync(m => m.Consumer == typeof(IntegrationEvents.WithdrawOnReferralWithdrawn).FullName);
    }

    private static ReferralSubmitted Referral(string reference, bool urgent, string source = "self", Guid? duplicateOf = null) => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), reference, source == "self" ? "self" : "professional", source,
        ["money"], urgent, new ReferralConsent(true, "none"), Guid.NewGuid(), "LS6", duplicateOf);

    private Task PublishAsync(ReferralSubmitted message) =>
        factory.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = message.Id);

    private HttpClient Admin() => factory.CreateClientWithToken(TestTokens.For(role: "manager"));

    private Task<HttpResponseMessage> GetAsync(string url) => Admin().GetAsync(url);
}
