using System.Data;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the broker with publisher confirms and deletes them once
/// confirmed. Woken by each commit that wrote rows; polls only as a fallback. One relay at a time
/// per database (an advisory lock), so replicas never publish an aggregate's events out of order.
/// Each message goes out inside the trace that raised it; the relay's own database work (polling,
/// locking, deleting) is left out of traces, where it would only add a root trace for every batch.
/// </summary>
internal sealed partial class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopeFactory,
    IBus bus,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    // Any constant works: each service has a database of its own.
    internal const long RelayLockKey = 0x5350_4F55_5442_4F58;

    private static readonly ActivitySource Tracing = new("SocialPrescribing.Messaging");

    private readonly MessagingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var result = BatchResult.Idle;
            try
            {
                result = await RelayBatchAsync(stoppingToken);
                failures = result == BatchResult.Failed ? failures + 1 : 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                LogRelayFailed(logger, ex.GetType().Name, failures);
            }

            if (result == BatchResult.Full)
            {
                continue;
            }

            var wait = failures > 0
                ? TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 8))))
                : _options.OutboxPollInterval;
            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task<BatchResult> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await UntracedAsync(() => db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken));
        db.Database.AutoSavepointsEnabled = false;

        // One round trip: take the relay's lock and, only if no other copy holds it, read the next rows in order.
        var batch = await UntracedAsync(() => db.Set<OutboxMessage>()
            .FromSqlRaw(
                $$"""
                WITH relay AS (SELECT pg_try_advisory_xact_lock({0}) AS holds)
                SELECT o.* FROM {{OutboxMessage.Table}} AS o, relay WHERE relay.holds ORDER BY o.sequence LIMIT {1}
                """,
                RelayLockKey,
                _options.OutboxBatchSize)
            .ToListAsync(cancellationToken));
        if (batch.Count == 0)
        {
            return BatchResult.Idle;
        }

        // Aggregates go out in parallel; within one aggregate strictly in order, stopping at a failure.
        var outcomes = await Task.WhenAll(batch
            .GroupBy(m => m.AggregateId)
            .Select(group => PublishInOrderAsync(group.ToList(), cancellationToken)));

        var failed = false;
        foreach (var (published, failure) in outcomes)
        {
            db.RemoveRange(published);
            if (failure is not null)
            {
                failed = true;
                failure.Value.Message.Attempts++;
                failure.Value.Message.LastError = failure.Value.Error;
            }
        }

        await UntracedAsync(async () =>
        {
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        });

        if (failed)
        {
            return BatchResult.Failed;
        }

        return batch.Count == _options.OutboxBatchSize ? BatchResult.Full : BatchResult.Done;
    }

    /// <summary>Runs the relay's own database work outside any trace (the suppression ends with this call).</summary>
    private static async Task<T> UntracedAsync<T>(Func<Task<T>> work)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        return await work();
    }

    private static async Task UntracedAsync(Func<Task> work)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        await work();
    }

    private async Task<(List<OutboxMessage> Published, (OutboxMessage Message, string Error)? Failure)> PublishInOrderAsync(
        List<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var published = new List<OutboxMessage>(messages.Count);
        foreach (var message in messages)
        {
            using var activity = StartPublishing(message);
            try
            {
                var (body, type) = IntegrationEventSerializer.Deserialize(message.MessageType, message.Body);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.PublishTimeout);
                // The bus does not always honour the token while it reconnects to a restarted broker: a publish
                // that never ends would hold this batch, and so every later event, for good. The wait ends at the
                // timeout whatever the bus does; if the abandoned publish goes out later, the message is sent
                // again with the same id and consumers' inboxes drop the copy.
                await bus.Publish(body, type, Pipe.Execute<PublishContext>(ctx => ctx.MessageId = message.MessageId), timeout.Token)
                    .WaitAsync(_options.PublishTimeout, cancellationToken);
                published.Add(message);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Exception messages from the broker client carry no personal data; the body is never logged.
                LogPublishFailed(logger, message.MessageType, message.MessageId, ex.GetType().Name);
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                var error = $"{time.GetUtcNow():O} {ex.GetType().Name}: {ex.Message}";
                return (published, (message, error.Length > 1024 ? error[..1024] : error));
            }
        }

        return (published, null);
    }

    /// <summary>
    /// A span for handing one message to the broker, a child of the work that raised it (so the broker's
    /// publish and every consumer join that trace and follow its sampling decision); how long the message
    /// waited in the outbox is one of its attributes.
    /// </summary>
    private Activity? StartPublishing(OutboxMessage message)
    {
        if (message.TraceParent is null
            || !ActivityContext.TryParse(message.TraceParent, null, isRemote: true, out var raisedBy))
        {
            return null;
        }

        var activity = Tracing.StartActivity("outbox relay", ActivityKind.Internal, raisedBy);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.message.id", message.MessageId);
            activity.SetTag("messaging.message.type", message.MessageType);
            activity.SetTag("outbox.wait_ms", (time.GetUtcNow() - message.CreatedAt).TotalMilliseconds);
        }

        return activity;
    }

    internal enum BatchResult
    {
        Idle,
        Done,
        Full,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay failed ({ErrorType}), attempt {Failures}; will retry")]
    private static partial void LogRelayFailed(ILogger logger, string errorType, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {MessageType} {MessageId} ({ErrorType}); it stays in the outbox")]
    private static partial void LogPublishFailed(ILogger logger, string messageType, Guid messageId, string errorType);
}
