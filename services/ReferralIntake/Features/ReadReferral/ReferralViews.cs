using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.ReadReferral;

/// <summary>Who the person is and how to reach them, what they (or their referrer) told us, and their answers to the red-flag questions.</summary>
public sealed record ReferralPerson(
    Guid Id, string Reference, string GivenName, string FamilyName, DateOnly DateOfBirth, string Postcode, string? Phone, string? Email, string? NhsNumber,
    string? PreferredContact, IReadOnlyList<string> Needs, string? Reason, bool HarmToSelf, bool HarmToOthers, bool InCrisis, string ShareWithGp,
    ReferrerView? Referrer, DateTimeOffset SubmittedAt, Guid PersonId)
{
    /// <summary>The person withdrew consent to share with providers: the link worker sends them no contact details.</summary>
    public bool ProviderConsentWithdrawn { get; init; }

    /// <summary>What a FHIR sender said about the referral (when written, priority, coded reasons, instruction to the person), as sent.</summary>
    public SenderDetails? Sender { get; init; }

    /// <summary>The person's other episodes (earlier or later referrals in other cases), oldest first.</summary>
    public IReadOnlyList<EpisodeView> OtherEpisodes { get; init; } = [];
}

/// <summary>Another episode of the person: when they were referred, and where it went ("closed at Outcomes").</summary>
public sealed record EpisodeView(Guid ReferralId, string Reference, DateTimeOffset SubmittedAt, string Status, Guid? CaseId, string? ClosedOutcome, DateTimeOffset? ClosedAt);

/// <summary>The professional who referred the person.</summary>
public sealed record ReferrerView(string Name, string? Role, string? Organisation, string? Email);

public sealed record ReferralSummary(
    Guid Id, string Reference, string Channel, string Source, string Status, bool Urgent,
    IReadOnlyList<string> Needs, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt);

/// <summary>Whom a referral is about, by name: what a caseload shows.</summary>
public sealed record ReferralName(Guid ReferralId, string GivenName, string FamilyName);
