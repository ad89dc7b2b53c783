namespace SocialPrescribing.Contracts;

/// <summary>Case Management opened a case for a referral (at step Referral).</summary>
public sealed record CaseOpened(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid ReferralId,
    string Reference,
    bool Urgent) : IIntegrationEvent;
