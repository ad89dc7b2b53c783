namespace SocialPrescribing.Contracts;

/// <summary>
/// A referral answered yes to a red-flag question (harm to self or others, crisis). The person was
/// shown crisis routes at once; Case Management puts the case in the same-day queue for a human.
/// </summary>
public sealed record ReferralFlaggedUrgent(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    string Reference) : IIntegrationEvent;
