using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>Scores taken in Wellbeing Metrics show on the case, from its events through the real broker.</summary>
[Collection(CaseCollection.Name)]
public sealed class WellbeingScoresTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_recorded_score_shows_on_the_case_once_even_if_delivered_twice()
    {
        var caseId = await factory.OpenCaseAsync("SP-WELL-SC1A", area: "LS6");
        var recorded = new WellbeingRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), caseId, "swemwbs", "baseline", null, "faceToFace",
            new DateOnly(2026, 11, 20), 19.25m);
        var bus = factory.Services.GetRequiredService<IBus>();

        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await bus.Publish(recorded, ctx => ctx.MessageId = first);
        await bus.Publish(recorded, ctx => ctx.MessageId = second);
        // Both deliveries applied (two message ids: the inbox lets both through; the case keeps one).
        await CaseFactory.Eventually(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.CaseDbContext>();
            return await db.Set<Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageId == first || m.MessageId == second) == 2;
        });
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lee-linkworker"));
        var scores = (await linkWorker.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["scores"]!.AsArray();

        var score = Assert.Single(scores)!;
        Assert.Equal(("swemwbs", "baseline", 19.25m, "2026-11-20"),
            (score["instrument"]!.GetValue<string>(), score["timepoint"]!.GetValue<string>(), score["score"]!.GetValue<decimal>(), score["completedOn"]!.GetValue<string>()));
    }
}
