namespace SocialPrescribing.Messaging.Inbox;

/// <summary>A message a consumer has already applied; its key makes a second application impossible.</summary>
public sealed class InboxMessage
{
    internal const string PrimaryKeyName = "pk_inbox_messages";

    public Guid MessageId { get; private set; }

    public string Consumer { get; private set; } = "";

    public DateTimeOffset ProcessedAt { get; private set; }

    private InboxMessage()
    {
    }

    internal InboxMessage(Guid messageId, string consumer, DateTimeOffset processedAt)
    {
        MessageId = messageId;
        Consumer = consumer;
        ProcessedAt = processedAt;
    }
}
