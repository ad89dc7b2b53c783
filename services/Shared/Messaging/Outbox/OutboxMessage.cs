namespace SocialPrescribing.Messaging.Outbox;

/// <summary>
/// An integration event stored in the same transaction as the state change that raised it,
/// waiting for the relay to hand it to the broker. Removed once the broker has confirmed it.
/// </summary>
public sealed class OutboxMessage
{
    internal const string Table = "outbox_messages";

    /// <summary>Insertion order: the relay publishes in this order within an aggregate.</summary>
    public long Sequence { get; private set; }

    /// <summary>Becomes the broker message id, so consumers' inboxes can recognise a redelivery.</summary>
    public Guid MessageId { get; private set; }

    public string MessageType { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>Messages of one aggregate (a referral, a case) are published strictly in order.</summary>
    public string AggregateId { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public int Attempts { get; internal set; }

    public string? LastError { get; internal set; }

    /// <summary>
    /// The W3C trace context (<c>traceparent</c>) of the work that raised the event, so its publishing and
    /// every consumer's handling join that trace (and follow its sampling decision); null outside a trace.
    /// </summary>
    public string? TraceParent { get; private set; }

    private OutboxMessage()
    {
    }

    internal OutboxMessage(Guid messageId, string messageType, string body, string aggregateId, DateTimeOffset createdAt, string? traceParent)
    {
        TraceParent = traceParent;
        MessageId = messageId;
        MessageType = messageType;
        Body = body;
        AggregateId = aggregateId;
        CreatedAt = createdAt;
    }
}
