using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging.Tests;

/// <summary>
/// The database is registered by Persistence (which knows nothing of messaging) and messaging is added
/// after it: the commit that writes outbox rows must still wake the relay at once, not at its next poll.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class OutboxWakeUpTests(MessagingFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_service_context_carries_the_outbox_wake_up_once_messaging_is_added()
    {
        using var host = await fixture.StartServiceAsync("mt-" + Guid.NewGuid().ToString("N")[..8]);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();

        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];

        Assert.Single(interceptors.OfType<OutboxCommitInterceptor>());
    }
}
