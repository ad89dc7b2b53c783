namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// What a sending system said about a FHIR referral, kept as it was sent and shown to the link worker: when it was written
/// (<c>authoredOn</c>), its priority, the instruction given to the person, the coded reasons (SNOMED CT and others, with their
/// text; a <c>reasonReference</c>'s Condition included) and the referrer's phone.
/// </summary>
public sealed record SenderDetails(
    string? AuthoredOn, string? Priority, string? PatientInstruction, IReadOnlyList<SenderReason> Reasons, string? ReferrerPhone)
{
    public const int MaxTextLength = 2000;
    public const int MaxReasons = 20;

    /// <summary>What the link worker should check, because it was set aside on the way in (e.g. an NHS number whose check digit is wrong).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One reason as the sender coded it (system, code, display) or wrote it (text).</summary>
public sealed record SenderReason(string? System, string? Code, string? Display, string? Text);
