using SocialPrescribing.ReferralIntake.Features.SearchPeople;

namespace SocialPrescribing.ReferralIntake.Features.ReadPerson;

/// <summary>A person's record as staff see it: their details now, their consent, their referrals, and its history.</summary>
public sealed record PersonView(
    Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, string Postcode, string? Phone, string? Email, string? NhsNumber,
    string? PreferredContact, PersonConsentView Consent, Guid? MergedIntoId, IReadOnlyList<PersonReferral> Referrals,
    IReadOnlyList<PersonChangeView> History, IReadOnlyList<PersonMergeView> Merges)
{
    /// <summary>A manager restricted the use of the record (UK GDPR Article 18): only managers see it.</summary>
    public bool Restricted { get; init; }
}

/// <summary>What the person agrees to now: a withdrawal at any time overrides what a referral said.</summary>
public sealed record PersonConsentView(bool ShareWithGp, bool ShareWithProviders);

public sealed record PersonChangeView(DateTimeOffset At, string By, string Kind, IReadOnlyDictionary<string, Model.FieldChange> Fields, string? Reason);

public sealed record PersonMergeView(Guid Id, Guid SurvivorId, Guid MergedId, DateTimeOffset MergedAt, string MergedBy, DateTimeOffset? UndoneAt, string? UndoneBy);
