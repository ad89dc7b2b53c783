namespace SocialPrescribing.Contracts;

/// <summary>
/// A person's details were corrected or their consent changed at Intake (which owns the person): every
/// service that holds a copy updates it. <see cref="CaseIds"/> and <see cref="ReferralIds"/> are all of
/// the person's. <see cref="SharedWithProviders"/> is what providers may now hold (null: the person
/// withdrew consent to share with providers, so copies are cleared); <see cref="ShareWithGp"/> false:
/// nothing more goes to their GP, whatever a referral said. <see cref="Restricted"/>: a manager restricted the
/// use of the person's record (UK GDPR Article 18): it is kept, but only managers see it.
/// </summary>
public sealed record PersonDetailsChanged(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid PersonId,
    IReadOnlyList<Guid> ReferralIds,
    IReadOnlyList<Guid> CaseIds,
    SharedWithProvider? SharedWithProviders,
    bool ShareWithGp,
    bool ShareWithProviders,
    bool Restricted = false) : IIntegrationEvent;
