using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.Messaging.Outbox;

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Stages an integration event in the outbox. It is written by the same SaveChanges as the state
    /// change (so both commit or neither does) and published by the relay after the commit, as part of
    /// the current trace (the request or message being handled).
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IIntegrationEvent message, string aggregateId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        db.Set<OutboxMessage>().Add(new OutboxMessage(
            message.Id,
            IntegrationEventSerializer.NameOf(message.GetType()),
            IntegrationEventSerializer.Serialize(message),
            aggregateId,
            message.OccurredAt,
            Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null));
    }
}
