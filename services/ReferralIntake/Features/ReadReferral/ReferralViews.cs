namespace SocialPrescribing.ReferralIntake.Features.ReadReferral;

/// <summary>Who the person is and how to reach them, what they (or their referrer) told us, and their answers to the red-flag questions.</summary>
public sealed record ReferralPerson(
    Guid Id, string Reference, string GivenName, string FamilyName, DateOnly DateOfBirth, string Postcode, string? Phone, string? Email, string? NhsNumber,
    string? PreferredContact, IReadOnlyList<string> Needs, string? Reason, bool HarmToSelf, bool HarmToOthers, bool InCrisis, string ShareWithGp,
    ReferrerView? Referrer, DateTimeOffset SubmittedAt, Guid PersonId);

/// <summary>The professional who referred the person.</summary>
public sealed record ReferrerView(string Name, string? Role, string? Organisation, string? Email);

public sealed record ReferralSummary(
    Guid Id, string Reference, string Channel, string Source, string Status, bool Urgent,
    IReadOnlyList<string> Needs, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt);
