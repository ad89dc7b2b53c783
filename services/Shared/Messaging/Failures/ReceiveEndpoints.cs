using System.Collections.Concurrent;
using MassTransit;

namespace SocialPrescribing.Messaging.Failures;

/// <summary>The queues this service's consumers read (learnt as each receive endpoint starts).</summary>
public sealed class ReceiveEndpoints(string serviceName) : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    /// <summary>The consumer queues, named <c>{service}-{consumer}</c>; the bus's own reply queue is not one.</summary>
    public IReadOnlyList<string> Queues => [.. _queues.Keys.Order(StringComparer.Ordinal)];

    public Task Ready(ReceiveEndpointReady ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var queue = ready.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (queue is not null && queue.StartsWith(serviceName + "-", StringComparison.Ordinal))
        {
            _queues.TryAdd(queue, 0);
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
