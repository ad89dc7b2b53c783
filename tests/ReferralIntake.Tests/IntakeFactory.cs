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
