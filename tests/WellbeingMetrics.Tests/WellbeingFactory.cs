using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.TestSupport;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.Tests;

public sealed class WellbeingFactory : ServiceFactory<Program>
{
    public const string Team = "leeds-north";

    protected override string DatabaseName => ResourceNames.WellbeingDb;

    protected override IReadOnlyList<string> SeededTables => ["instruments"];

    public HttpClient LinkWorker(string team = Team, string subject = "lw-1") => CreateClientWithToken(TestTokens.For(role: "linkworker", team: team, subject: subject));

    public HttpClient Manager() => CreateClientWithToken(TestTokens.For(role: "manager", subject: "mgr-1"));

    public HttpClient Admin() => CreateClientWithToken(TestTokens.For(role: "admin", subject: "admin-1"));

    /// <summary>Publishes a Case Management event through the real broker, as Case Management would.</summary>
    public Task PublishAsync<T>(T message) where T : class, IIntegrationEvent =>
        Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = message.Id);

    /// <summary>A case opened in Case Management (through the broker), known here once this returns.</summary>
    public async Task<Guid> OpenCaseAsync(string team = Team, string source = "gp", string channel = "professional", string[]? needs = null, DateTimeOffset? at = null)
    {
        var caseId = Guid.NewGuid();
        var opened = new CaseOpened(Guid.NewGuid(), at ?? DateTimeOffset.UtcNow, caseId, Guid.NewGuid(), "SP-TEST", false, channel, source, needs ?? ["loneliness"], team);
        await PublishAsync(opened);
        await WaitForInboxAsync(opened.Id);
        return caseId;
    }

    public Task WaitForInboxAsync(Guid messageId) =>
        Eventually(async () =>
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WellbeingDbContext>();
            return await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId);
        });

    public async Task<T> QueryAsync<T>(Func<WellbeingDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WellbeingDbContext>());
    }
}

[CollectionDefinition(Name)]
public sealed class WellbeingCollection : ICollectionFixture<WellbeingFactory>
{
    public const string Name = "wellbeing";
}
