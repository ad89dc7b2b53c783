using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging.Tests;

[Collection(MessagingCollection.Name)]
public sealed class OutboxInboxTests(MessagingFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Events_written_while_the_broker_is_down_are_delivered_once_it_is_back()
    {
        using var host = await fixture.StartServiceAsync(UniqueServiceName());
        try
        {
            await fixture.RabbitMq.StopNodeAsync();

            var events = Enumerable.Range(1, 5)
                .Select(i => new ThingHappened(Guid.NewGuid(), DateTimeOffset.UtcNow, "aggregate-1", i))
                .ToList();
            foreach (var evt in events)
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
                db.AddIntegrationEvent(evt, evt.AggregateId);
                await db.SaveChangesAsync();
            }

            // The state change committed although the broker is away; the events wait in the outbox.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(events.Count, await CountAsync(host, db => db.Set<OutboxMessage>()));
            Assert.Equal(0, await CountAsync(host, db => db.Effects));
        }
        finally
        {
            await fixture.RabbitMq.StartNodeAsync();
        }

        await Wait.Until(async () => await CountAsync(host, db => db.Effects) == 5);
        Assert.Equal(0, await CountAsync(host, db => db.Set<OutboxMessage>()));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_delivered_twice_has_one_effect()
    {
        using var host = await fixture.StartServiceAsync(UniqueServiceName());
        var consumed = new ConsumeCounter();
        var bus = host.Services.GetRequiredService<IBus>();
        using var handle = bus.ConnectConsumeObserver(consumed);

        var evt = new ThingHappened(Guid.NewGuid(), DateTimeOffset.UtcNow, "aggregate-2", 1);
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await bus.Publish(evt, ctx => ctx.MessageId = evt.Id);
        }

        await Wait.Until(() => Task.FromResult(consumed.Count >= 2));
        Assert.Equal(1, await CountAsync(host, db => db.Effects.Where(e => e.EventId == evt.Id)));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_handler_that_always_throws_ends_in_the_error_queue_without_blocking_the_next_message()
    {
        var serviceName = UniqueServiceName();
        using var host = await fixture.StartServiceAsync(serviceName);
        var bus = host.Services.GetRequiredService<IBus>();

        var poison = new PoisonHappened(Guid.NewGuid(), DateTimeOffset.UtcNow);
        await bus.Publish(poison);
        var good = new ThingHappened(Guid.NewGuid(), DateTimeOffset.UtcNow, "aggregate-3", 1);
        await bus.Publish(good);

        await Wait.Until(async () => await CountAsync(host, db => db.Effects.Where(e => e.EventId == good.Id)) == 1);

        await using var connection = await fixture.RabbitMq.ConnectAsync();
        var errorQueue = $"{serviceName}-poison-happened_error";
        BasicGetResult? dead = null;
        await Wait.Until(async () =>
        {
            // MassTransit creates the _error queue with the first fault; until then the broker answers 404
            // and closes the channel, so each look uses a channel of its own.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                dead = await channel.BasicGetAsync(errorQueue, autoAck: true);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
            {
                dead = null;
            }

            return dead is not null;
        });
        Assert.Contains("PoisonHappened", System.Text.Encoding.UTF8.GetString(dead!.Body.Span), StringComparison.Ordinal);
        // Both layers of retry held it before it gave up: (1 + 2 quick retries) × (1 + 1 later redelivery).
        Assert.Equal(6, PoisonHappenedConsumer.Attempts.GetValueOrDefault(poison.Id));
        await host.StopAsync();
    }

    [Fact]
    public async Task The_relay_publishes_an_aggregates_events_in_the_order_they_were_written()
    {
        using var host = await fixture.StartServiceAsync(UniqueServiceName());

        // A plain queue bound to the event's exchange sees the publish order (consumers run concurrently).
        await using var connection = await fixture.RabbitMq.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var orderProbe = "order-probe-" + Guid.NewGuid().ToString("N")[..8];
        await channel.QueueDeclareAsync(orderProbe, durable: false, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(orderProbe, "SocialPrescribing.Messaging.Tests:ThingHappened", "");

        const int count = 30;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            for (var i = 1; i <= count; i++)
            {
                db.AddIntegrationEvent(new ThingHappened(Guid.NewGuid(), DateTimeOffset.UtcNow, "ordered", i), "ordered");
                db.AddIntegrationEvent(new ThingHappened(Guid.NewGuid(), DateTimeOffset.UtcNow, $"other-{i}", 1), $"other-{i}");
            }

            // One commit, so the relay takes them all in one batch and publishes aggregates in parallel.
            await db.SaveChangesAsync();
        }

        var sequences = new List<int>();
        await Wait.Until(async () =>
        {
            while (await channel.BasicGetAsync(orderProbe, autoAck: true) is { } message)
            {
                var body = System.Text.Encoding.UTF8.GetString(message.Body.Span);
                if (body.Contains("\"aggregateId\": \"ordered\"", StringComparison.Ordinal)
                    || body.Contains("\"aggregateId\":\"ordered\"", StringComparison.Ordinal))
                {
                    var at = body.IndexOf("\"sequence\":", StringComparison.Ordinal) + "\"sequence\":".Length;
                    var digits = new string(body[at..].SkipWhile(char.IsWhiteSpace).TakeWhile(char.IsDigit).ToArray());
                    sequences.Add(int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return sequences.Count == count;
        });
        Assert.Equal(Enumerable.Range(1, count), sequences);
        await channel.QueueDeleteAsync(orderProbe);
        await host.StopAsync();
    }

    [Fact]
    public async Task While_another_copy_holds_the_relay_lock_nothing_is_published_and_then_everything_is()
    {
        using var host = await fixture.StartServiceAsync(UniqueServiceName());
        var relay = host.Services.GetServices<IHostedService>().OfType<OutboxRelay<TestDbContext>>().Single();

        // Another replica's relay, as far as this one can tell: it holds the lock in an open transaction.
        await using var other = new Npgsql.NpgsqlConnection(fixture.Postgres.ConnectionString(MessagingFixture.Database));
        await other.OpenAsync();
        await using var holding = await other.BeginTransactionAsync();
        await using (var lockCommand = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock({OutboxRelay<TestDbContext>.RelayLockKey})", other, holding))
        {
            await lockCommand.ExecuteScalarAsync();
        }

        var evt = new ThingHappened(Guid.NewGuid(), DateTimeOffset.UtcNow, "locked", 1);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            db.AddIntegrationEvent(evt, evt.AggregateId);
            await db.SaveChangesAsync();
        }

        Assert.Equal(OutboxRelay<TestDbContext>.BatchResult.Idle, await relay.RelayBatchAsync(CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CountAsync(host, db => db.Set<OutboxMessage>()));
        Assert.Equal(0, await CountAsync(host, db => db.Effects));

        await holding.RollbackAsync();
        // This copy's turn now (the service's own relay loop may take it first: either publishes it).
        await Wait.Until(async () =>
        {
            await relay.RelayBatchAsync(CancellationToken.None);
            return await CountAsync(host, db => db.Set<OutboxMessage>()) == 0;
        });
        await Wait.Until(async () => await CountAsync(host, db => db.Effects.Where(e => e.EventId == evt.Id)) == 1);

        await host.StopAsync();
    }

    private static string UniqueServiceName() => "mt-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<int> CountAsync<T>(IHost host, Func<TestDbContext, IQueryable<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDbContext>()).CountAsync();
    }


    private sealed class ConsumeCounter : IConsumeObserver
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
