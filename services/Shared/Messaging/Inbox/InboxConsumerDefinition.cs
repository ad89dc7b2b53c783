using MassTransit;
using Microsoft.Extensions.Options;

namespace SocialPrescribing.Messaging.Inbox;

/// <summary>
/// One definition for every consumer: a few quick retries, then slower redeliveries, then the
/// queue's <c>_error</c> queue (where it can be inspected and moved back). Nothing is acknowledged
/// while the handler is failing.
/// </summary>
public sealed class InboxConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly MessagingOptions _options;

    public InboxConsumerDefinition(IOptions<MessagingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        ConcurrentMessageLimit = _options.PrefetchCount;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        // One retry filter with the whole schedule: MassTransit keeps one message retry per endpoint, so a second
        // UseMessageRetry replaced the first and the slower redeliveries were silently dropped (a database outage of
        // more than about four seconds sent messages to _error). The quick retries run again after each redelivery.
        var intervals = RetrySchedule(_options.RetryIntervals, _options.RedeliveryIntervals);
        if (intervals.Length > 0)
        {
            endpointConfigurator.UseMessageRetry(r => r.Intervals(intervals));
        }
    }

    /// <summary>
    /// The waits between attempts: the quick retries, then a redelivery wait and the quick retries again, for each
    /// redelivery — (1 + retries) × (1 + redeliveries) attempts in all.
    /// </summary>
    public static TimeSpan[] RetrySchedule(IReadOnlyList<TimeSpan> retries, IReadOnlyList<TimeSpan> redeliveries)
    {
        ArgumentNullException.ThrowIfNull(retries);
        ArgumentNullException.ThrowIfNull(redeliveries);
        List<TimeSpan> schedule = [.. retries];
        foreach (var redelivery in redeliveries)
        {
            schedule.Add(redelivery);
            schedule.AddRange(retries);
        }

        return [.. schedule];
    }
}
