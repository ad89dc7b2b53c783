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
        var redeliveries = _options.RedeliveryIntervals;
        var retries = _options.RetryIntervals;
        if (redeliveries.Length > 0)
        {
            endpointConfigurator.UseMessageRetry(r => r.Intervals(redeliveries));
        }

        if (retries.Length > 0)
        {
            endpointConfigurator.UseMessageRetry(r => r.Intervals(retries));
        }
    }
}
