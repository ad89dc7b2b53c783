namespace SocialPrescribing.Messaging;

/// <summary>Tuning for the bus, the outbox relay and consumer retries (configuration section "Messaging").</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Immediate retries of a failing handler, in milliseconds, before a redelivery.</summary>
    /// <remarks>Null means the defaults; configuration binding would append to an initialised array.</remarks>
    public int[]? RetryIntervalsMs { get; set; }

    /// <summary>
    /// Redeliveries after the immediate retries are used up, in milliseconds; then the message goes to
    /// the queue's <c>_error</c> queue. Held in-process: the broker has no delayed-exchange plugin here.
    /// </summary>
    public int[]? RedeliveryIntervalsMs { get; set; }

    internal TimeSpan[] RetryIntervals => ToIntervals(RetryIntervalsMs ?? [200, 1_000, 3_000]);

    internal TimeSpan[] RedeliveryIntervals => ToIntervals(RedeliveryIntervalsMs ?? [10_000, 60_000, 300_000]);

    /// <summary>How often the relay looks for rows when no commit has woken it (rows left by a crash).</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one publish may wait for the broker's confirm before the batch is retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int OutboxBatchSize { get; set; } = 200;

    /// <summary>
    /// Messages fetched and handled at once per queue. 32 keeps consumers up with a steady load: their
    /// commits share PostgreSQL's flushes and they get their share of a busy machine (benchmarks, 100
    /// referrals/s on 2 cores: referral → case p99 0.4–1.7 s with 32, 2.5 s with 16, 4–10 s with 4). Fewer
    /// leave more of the cores to the requests that accept referrals during a burst (with 4 intake
    /// accepts more a second while the queues grow); lower it only where that matters more.
    /// </summary>
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>
    /// The type of the consumer queues: <see cref="Messaging.QueueType.Classic"/> on one broker,
    /// <see cref="Messaging.QueueType.Quorum"/> (replicated, Raft) on a RabbitMQ cluster.
    /// </summary>
    public QueueType QueueType { get; set; } = QueueType.Classic;

    private static TimeSpan[] ToIntervals(int[] milliseconds) => [.. milliseconds.Select(ms => TimeSpan.FromMilliseconds(ms))];
}

public enum QueueType
{
    Classic,
    Quorum,
}
