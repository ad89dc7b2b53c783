namespace SocialPrescribing.Contracts;

/// <summary>
/// A case moved along the journey (or to an exit). <see cref="ReferralIds"/> are every referral the
/// case holds (its own and joined repeats), so Referral Intake can show the person where things are.
/// Steps are named as in the journey: <c>Referral</c> … <c>Outcomes</c>, exits <c>Declined</c>,
/// <c>UnableToContact</c>, <c>NotAppropriate</c>, <c>Withdrawn</c>.
/// </summary>
public sealed record CaseStepChanged(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    IReadOnlyList<Guid> ReferralIds,
    string From,
    string To) : IIntegrationEvent;

/// <summary>A case ended: <see cref="Outcome"/> is <c>Outcomes</c> (the journey was completed) or the exit taken.</summary>
public sealed record CaseClosed(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    IReadOnlyList<Guid> ReferralIds,
    string Outcome) : IIntegrationEvent;

/// <summary>A link worker (<see cref="AssignedTo"/>, their user id) now holds the case.</summary>
public sealed record CaseAssigned(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    IReadOnlyList<Guid> ReferralIds,
    string AssignedTo) : IIntegrationEvent;
