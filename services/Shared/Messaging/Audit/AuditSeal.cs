namespace SocialPrescribing.Messaging.Audit;

/// <summary>
/// An audit entry's link in the chain: <c>hash = SHA-256(previous hash ‖ the entry's fields)</c>, in entry id
/// order from 32 zero bytes. Written by <see cref="AuditSealer{TDbContext}"/>, never changed: the runtime role
/// may only INSERT and SELECT this table, as <c>audit_entries</c>. Changing, removing or slipping in an entry
/// breaks every hash from there on (<see cref="AuditChain"/>).
/// </summary>
public sealed class AuditSeal
{
    public long EntryId { get; private set; }

    public byte[] Hash { get; private set; } = [];

    public DateTimeOffset SealedAt { get; private set; }

    private AuditSeal()
    {
    }

    internal AuditSeal(long entryId, byte[] hash, DateTimeOffset sealedAt)
    {
        EntryId = entryId;
        Hash = hash;
        SealedAt = sealedAt;
    }
}
