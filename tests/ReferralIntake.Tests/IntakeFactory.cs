using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using SocialPrescribing.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

public sealed class IntakeFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.ReferralDb;

    /// <summary>GP practice systems that take FHIR messages (practice <see cref="StandInGpSystem.Taking"/>) or refuse them (<see cref="StandInGpSystem.Refusing"/>).</summary>
    public StandInGpSystem GpSystem { get; private set; } = null!;

    protected override async Task StartServersAsync() => GpSystem = await StandInGpSystem.StartAsync();

    protected override async ValueTask StopServersAsync() => await GpSystem.DisposeAsync();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var practice in new[] { StandInGpSystem.Taking, StandInGpSystem.Refusing })
        {
            builder.UseSetting($"GpSystems:Endpoints:{practice}", $"{GpSystem.BaseUrl}/practice/{practice}/fhir");
        }

        // Three attempts, a moment apart; the tests send what is due themselves (SendDueAsync).
        builder.UseSetting("GpSystems:RetryDelays:0", "00:00:00.050");
        builder.UseSetting("GpSystems:RetryDelays:1", "00:00:00.050");
        builder.UseSetting("GpSystems:PollInterval", "1.00:00:00");
    }

    public async Task<(int Referrals, int Pending)> CountAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralDbContext>();
        return (await db.Referrals.CountAsync(), await db.Set<OutboxMessage>().CountAsync());
    }

    public async Task<T> QueryAsync<T>(Func<ReferralDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReferralDbContext>());
    }

    /// <summary>
    /// The standard self-referral (Ada Lovelace), with a case opened for it in team <paramref name="team"/> (as
    /// Case Management's CaseOpened says): its referral, person and case ids.
    /// </summary>
    public async Task<(Guid ReferralId, Guid PersonId, Guid CaseId)> PersonWithACaseAsync(string team = "north")
    {
        var response = await CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral());
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = created["id"]!.GetValue<Guid>();
        var opened = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), id, created["reference"]!.GetValue<string>(), false, Team: team);
        await Services.GetRequiredService<IBus>().Publish(opened, ctx => ctx.MessageId = opened.Id);
        await WaitForInboxAsync(opened.Id);
        var personId = await QueryAsync(db => db.Referrals.Where(r => r.Id == id).Select(r => r.PersonId).SingleAsync());
        return (id, personId, opened.CaseId);
    }

    /// <summary>Waits until the service has handled the message (its id is in the inbox).</summary>
    public Task WaitForInboxAsync(Guid messageId) =>
        Eventually(async () =>
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReferralDbContext>();
            return await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId);
        });
}

[CollectionDefinition(Name)]
public sealed class IntakeCollection : ICollectionFixture<IntakeFactory>
{
    public const string Name = "intake";
}
