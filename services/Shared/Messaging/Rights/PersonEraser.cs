using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging.Rights;

/// <summary>What a service erased: how many rows, and the ids of its records that were the person's (for the tombstone).</summary>
public sealed record ErasedPart(int Rows, IReadOnlyList<Guid> RecordIds, string ResourceType);

/// <summary>
/// Carries out a person's erasure in one service, in the consumer's transaction: the service's own rows
/// (<see cref="EraseAsync"/>), every outbox row whose message carries one of the person's keys, and every
/// failed message (in the <c>_error</c> and <c>_skipped</c> queues) that does; then a tombstone in the audit
/// trail (the erased records' ids, who asked, no personal data) and the confirmation to Intake. Audit
/// entries themselves hold ids only, so they stay; inbox rows hold message ids only, so they stay too.
/// </summary>
public abstract class PersonEraser<TDbContext>(TDbContext db, TimeProvider time, FailedMessages failed, string service)
    : InboxConsumer<PersonErasureRequested, TDbContext>(db, time)
    where TDbContext : DbContext
{
    public const string TombstoneAction = "erased";

    protected override async Task HandleAsync(ConsumeContext<PersonErasureRequested> context, CancellationToken cancellationToken)
    {
        var request = context.Message;
        var keys = request.Keys.AsText();
        var erased = await EraseAsync(request.Keys, cancellationToken);
        var outbox = await Db.Database.ExecuteSqlAsync(
            $"DELETE FROM outbox_messages WHERE body::text ILIKE ANY (SELECT '%' || k || '%' FROM unnest({keys.ToArray()}) AS k)", cancellationToken);
        // Not in the transaction: done again if the commit fails, which finds nothing more.
        var messages = await failed.EraseAsync(keys, cancellationToken);
        Db.AuditOnBehalf(request.RequestedBy, TombstoneAction, erased.ResourceType, erased.RecordIds, $"event {nameof(PersonErasureRequested)}", Time);
        var now = Time.GetUtcNow();
        Db.AddIntegrationEvent(new PersonErased(Guid.CreateVersion7(now), now, request.RequestId, service, erased.Rows + outbox + messages), request.RequestId.ToString());
    }

    /// <summary>Deletes (or anonymises) this service's rows of the person; do not call SaveChanges.</summary>
    protected abstract Task<ErasedPart> EraseAsync(ErasureKeys keys, CancellationToken cancellationToken);
}
