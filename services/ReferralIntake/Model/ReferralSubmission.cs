namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>A referral as submitted (API or form), before validation: anything may be missing.</summary>
public sealed record ReferralSubmission(
    string? Channel,
    PersonDetails? Person,
    IReadOnlyList<string>? Needs,
    string? Reason,
    ConsentAnswers? Consent,
    RiskAnswers? Risk,
    ReferrerDetails? Referrer,
    string? ServiceId = null,
    string? Language = null);

public sealed record PersonDetails(
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    string? Postcode,
    string? Phone,
    string? Email,
    string? NhsNumber,
    string? PreferredContact);

public sealed record ConsentAnswers(bool? ShareWithLinkWorker, string? ShareWithGp);

public sealed record RiskAnswers(bool? HarmToSelf, bool? HarmToOthers, bool? InCrisis)
{
    public bool AnyRisk => HarmToSelf is true || HarmToOthers is true || InCrisis is true;
}

public sealed record ReferrerDetails(string? Name, string? Role, string? Organisation, string? Email);
