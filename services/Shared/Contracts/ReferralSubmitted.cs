namespace SocialPrescribing.Contracts;

/// <summary>
/// A referral was accepted by Referral Intake. Carries ids and what Case Management needs to open
/// a case; the person's details stay in Intake (<see cref="PersonReference"/> points at them).
/// <see cref="Area"/> is the postcode's outward code (district, e.g. <c>LS6</c>), which routes the
/// case to the team covering it; on its own it identifies no one. <see cref="DuplicateOfReferralId"/>
/// names the person's open referral this one repeats: its case takes this referral too.
/// <see cref="ChosenServiceId"/> is a directory service the person chose before referring themselves:
/// their link worker gets a task to check in with them about it. <see cref="Concern"/> is a safeguarding
/// concern the call handler raised while taking the referral by phone. <see cref="GpPractice"/> is the person's GP
/// practice's ODS code where a FHIR referral named it (an organisation's code, not the person's): the activity return
/// counts referrals by practice. <see cref="Language"/> is the language the person would like us to use (<c>en</c> or
/// <c>cy</c>): the link worker calls in it.
/// </summary>
public sealed record ReferralSubmitted(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    string Reference,
    string Channel,
    string Source,
    IReadOnlyList<string> Needs,
    bool Urgent,
    ReferralConsent Consent,
    Guid PersonReference,
    string? Area = null,
    Guid? DuplicateOfReferralId = null,
    Guid? ChosenServiceId = null,
    IntakeConcern? Concern = null,
    string? GpPractice = null,
    string Language = "en") : IIntegrationEvent;

/// <summary>What the person agreed to share. <c>ShareWithGp</c>: <c>none</c>, <c>codesOnly</c> or <c>full</c>.</summary>
public sealed record ReferralConsent(bool ShareWithLinkWorker, string ShareWithGp);
