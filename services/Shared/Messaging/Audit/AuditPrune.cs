namespace SocialPrescribing.Messaging.Audit;

/// <summary>
/// The audit trail's entries up to <see cref="ThroughEntryId"/> were removed by the retention schedule
/// (<c>Retention:Audit</c>); <see cref="Hash"/> is the chain's link at that entry, from which the chain check
/// goes on. Written by the database's owner in the same transaction as the removal; append-only like the trail.
/// </summary>
public sealed class AuditPrune
{
    public long ThroughEntryId { get; private set; }

    public byte[] Hash { get; private set; } = [];

    public long Entries { get; private set; }

    public DateTimeOffset PrunedAt { get; private set; }

    private AuditPrune()
    {
    }
}
