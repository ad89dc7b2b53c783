namespace SocialPrescribing.Contracts;

/// <summary>The referrer cancelled a referral (e.g. a FHIR ServiceRequest revoked by the GP system).</summary>
public sealed record ReferralWithdrawn(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    string Reference) : IIntegrationEvent;
