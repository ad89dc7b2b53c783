namespace SocialPrescribing.Contracts;

/// <summary>
/// A manager erased a person (UK GDPR Article 17): every service erases what it holds of them, found by
/// <see cref="Keys"/> (in its tables, in its outbox, and among its failed messages), keeps a tombstone in
/// its audit trail without personal data, and confirms with <see cref="PersonErased"/>. Carries ids
/// only: nothing that identifies the person.
/// </summary>
public sealed record PersonErasureRequested(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid RequestId,
    Guid PersonId,
    string RequestedBy,
    ErasureKeys Keys) : IIntegrationEvent;

/// <summary>
/// Everything that points at the person's data: their person records, referrals (and their references),
/// cases, and subject access requests. A message or row that carries any of them is theirs.
/// </summary>
public sealed record ErasureKeys(
    IReadOnlyList<Guid> PersonIds,
    IReadOnlyList<Guid> ReferralIds,
    IReadOnlyList<Guid> CaseIds,
    IReadOnlyList<string> References,
    IReadOnlyList<Guid> AccessRequestIds)
{
    /// <summary>Every key as text, as it would appear in a message body or a row.</summary>
    public IReadOnlyList<string> AsText() =>
        [.. PersonIds.Concat(ReferralIds).Concat(CaseIds).Concat(AccessRequestIds).Select(id => id.ToString()), .. References];
}

/// <summary>A service erased what it held of the person for erasure request <see cref="RequestId"/>: <see cref="Removed"/> rows and messages.</summary>
public sealed record PersonErased(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid RequestId,
    string Service,
    int Removed) : IIntegrationEvent;
