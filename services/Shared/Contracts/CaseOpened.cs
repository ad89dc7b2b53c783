namespace SocialPrescribing.Contracts;

/// <summary>
/// Case Management opened a case for a referral (at step Referral). <see cref="Channel"/>, <see cref="Source"/>,
/// <see cref="Needs"/> and <see cref="Team"/> (the link worker team covering the person's area) describe the
/// case for services that report on cases or limit who sees them; none of them identifies the person.
/// <see cref="AssignedTo"/> is the link worker given the case as it opened (their user id), if the team
/// had one: that first assignment travels here, and only later ones as <see cref="CaseAssigned"/>.
/// <see cref="GpPractice"/>: the person's GP practice (ODS code) where the referral named it, for the activity return.
/// </summary>
public sealed record CaseOpened(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid ReferralId,
    string Reference,
    bool Urgent,
    string? Channel = null,
    string? Source = null,
    IReadOnlyList<string>? Needs = null,
    string? Team = null,
    string? AssignedTo = null,
    string? GpPractice = null) : IIntegrationEvent;
