using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using SocialPrescribing.Messaging.Failures;

namespace SocialPrescribing.Messaging.Tests;

[Collection(MessagingCollection.Name)]
public sealed class FailedMessagesTests(MessagingFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_retention_schedule_removes_failed_messages_older_than_its_period_and_keeps_younger_ones()
    {
        var serviceName = "mt-" + Guid.NewGuid().ToString("N")[..8];
        using var host = await fixture.StartServiceAsync(serviceName);
        var failed = host.Services.GetRequiredService<FailedMessages>();
        var poisons = new[] { new PoisonHappened(Guid.NewGuid(), DateTimeOffset.UtcNow), new PoisonHappened(Guid.NewGuid(), DateTimeOffset.UtcNow) };
        foreach (var poison in poisons)
        {
            await host.Services.GetRequiredService<IBus>().Publish(poison);
        }

        await Wait.Until(async () => (await failed.ListAsync(10, CancellationToken.None)).Sum(q => q.Count) == 2);
        var failedAt = (await failed.ListAsync(10, CancellationToken.None)).SelectMany(q => q.Messages).Max(m => m.FailedAt!.Value);

        // A cut-off (now less the period) a minute before they failed keeps both; one just after removes both.
        var tooSoon = await failed.ExpireAsync(failedAt.AddMinutes(-1), CancellationToken.None);
        var kept = (await failed.ListAsync(10, CancellationToken.None)).Sum(q => q.Count);
        var expired = await failed.ExpireAsync(failedAt.AddSeconds(1), CancellationToken.None);

        Assert.Equal(0, tooSoon);
        Assert.Equal(2u, kept);
        Assert.Equal(2, expired);
        Assert.All(await failed.ListAsync(10, CancellationToken.None), q => Assert.Equal(0u, q.Count));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_failed_message_is_listed_with_its_reason_and_handled_when_replayed_after_the_fix()
    {
        var serviceName = "mt-" + Guid.NewGuid().ToString("N")[..8];
        using var host = await fixture.StartServiceAsync(serviceName);
        var bus = host.Services.GetRequiredService<IBus>();
        var failed = host.Services.GetRequiredService<FailedMessages>();
        var broken = new RepairableHappened(Guid.NewGuid(), DateTimeOffset.UtcNow);
        RepairableHappenedConsumer.Broken[broken.Id] = true;

        await bus.Publish(broken);
        var fine = new RepairableHappened(Guid.NewGuid(), DateTimeOffset.UtcNow);
        await bus.Publish(fine);
        await Wait.Until(async () => await EffectsOfAsync(host, fine.Id) == 1);

        FailedQueue? queue = null;
        await Wait.Until(async () =>
        {
            queue = (await failed.ListAsync(10, CancellationToken.None)).SingleOrDefault(q => q.Count > 0);
            return queue is not null;
        });
        Assert.Equal($"{serviceName}-repairable-happened_error", queue!.Queue);
        Assert.Equal($"{serviceName}-repairable-happened", queue.ReplaysTo);
        var listed = Assert.Single(queue.Messages);
        Assert.Equal(nameof(RepairableHappened), listed.MessageType);
        Assert.Equal("fault", listed.Reason);
        Assert.Equal(typeof(InvalidOperationException).FullName, listed.ExceptionType);
        Assert.Equal("The handler cannot take this event yet.", listed.ExceptionMessage);
        Assert.NotNull(listed.MessageId);
        // Listing only looks: the message is still there.
        Assert.Equal(1u, Assert.Single(await failed.ListAsync(10, CancellationToken.None), q => q.Count > 0).Count);
        Assert.Equal(0, await EffectsOfAsync(host, broken.Id));

        // Replaying one that is not there moves nothing; after the fix the failed one is handled once.
        Assert.Equal(0, await failed.ReplayAsync(Guid.NewGuid(), CancellationToken.None));
        RepairableHappenedConsumer.Broken.TryRemove(broken.Id, out _);
        Assert.Equal(1, await failed.ReplayAsync(listed.MessageId, CancellationToken.None));
        await Wait.Until(async () => await EffectsOfAsync(host, broken.Id) == 1);
        Assert.All(await failed.ListAsync(10, CancellationToken.None), q => Assert.Equal(0u, q.Count));
        await host.StopAsync();
    }

    [Fact]
    public async Task Consumer_queues_are_quorum_queues_when_configured()
    {
        var serviceName = "mt-" + Guid.NewGuid().ToString("N")[..8];
        using var host = await fixture.StartServiceAsync(serviceName, new Dictionary<string, string?> { ["Messaging:QueueType"] = "quorum" });
        var bus = host.Services.GetRequiredService<IBus>();
        var thing = new RepairableHappened(Guid.NewGuid(), DateTimeOffset.UtcNow);
        await bus.Publish(thing);
        await Wait.Until(async () => await EffectsOfAsync(host, thing.Id) == 1);

        await using var connection = await fixture.RabbitMq.ConnectAsync();
        var queue = $"{serviceName}-repairable-happened";
        // Declaring a queue again with other arguments is refused (406), so this holds only for a quorum queue.
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        }

        await using (var channel = await connection.CreateChannelAsync())
        {
            var refused = await Assert.ThrowsAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>(() =>
                channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                    arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }));
            Assert.Equal(406, refused.ShutdownReason!.ReplyCode);
        }

        await host.StopAsync();
    }

    [Theory]
    [InlineData("classic", QueueType.Classic)]
    [InlineData("Quorum", QueueType.Quorum)]
    [InlineData(null, QueueType.Classic)]
    public void The_queue_type_comes_from_configuration(string? value, QueueType expected) =>
        Assert.Equal(expected, MessagingExtensions.QueueTypeOf(Settings(value)));

    [Fact]
    public void An_unknown_queue_type_is_refused_at_start() =>
        Assert.Contains("classic' or 'quorum", Assert.Throws<InvalidOperationException>(() => MessagingExtensions.QueueTypeOf(Settings("stream"))).Message, StringComparison.Ordinal);

    private static IConfiguration Settings(string? queueType) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:QueueType"] = queueType }).Build();

    private static async Task<int> EffectsOfAsync(IHost host, Guid eventId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Effects.CountAsync(e => e.EventId == eventId);
    }

}
