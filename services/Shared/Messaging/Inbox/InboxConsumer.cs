using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging.Inbox;

/// <summary>
/// A consumer whose effect and the record of the message commit in one transaction, so a
/// redelivered message (same message id) has no second effect. Events the handler stages in the
/// outbox commit in that same transaction.
/// </summary>
public abstract class InboxConsumer<TMessage, TDbContext>(TDbContext db, TimeProvider time) : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    protected TimeProvider Time { get; } = time;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId
                        ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var consumer = GetType().FullName ?? GetType().Name;
        var cancellationToken = context.CancellationToken;

        Db.ChangeTracker.Clear();
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        // A failed commit is retried as a whole by the consumer's retry policy: no savepoints.
        Db.Database.AutoSavepointsEnabled = false;
        var seen = await Db.Set<InboxMessage>()
            .AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken);
        if (seen)
        {
            return;
        }

        await HandleAsync(context, cancellationToken);
        Db.Set<InboxMessage>().Add(new InboxMessage(messageId, consumer, Time.GetUtcNow()));
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
                                           {
                                               SqlState: PostgresErrorCodes.UniqueViolation,
                                               ConstraintName: InboxMessage.PrimaryKeyName,
                                           })
        {
            // The same message was applied concurrently by another delivery: this one has no effect.
            await transaction.RollbackAsync(CancellationToken.None);
        }
    }

    /// <summary>Applies the message to the database through <see cref="Db"/>; do not call SaveChanges.</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context, CancellationToken cancellationToken);
}
