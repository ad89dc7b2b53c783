namespace SocialPrescribing.Contracts;

/// <summary>
/// A wellbeing questionnaire was scored for a case. <see cref="Timepoint"/> is <c>baseline</c>,
/// <c>followup</c> (with <see cref="FollowUp"/> 1, 2, …) or <c>final</c>; <see cref="Mode"/> is
/// <c>online</c>, <c>faceToFace</c> or <c>phone</c>. <see cref="Score"/> is the instrument's reported
/// score (the metric score where it has a table), null for instruments whose items are never summed.
/// No answers travel: only the case id links the score to a person.
/// </summary>
public sealed record WellbeingRecorded(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid AssessmentId,
    Guid CaseId,
    string Instrument,
    string Timepoint,
    int? FollowUp,
    string Mode,
    DateOnly CompletedOn,
    decimal? Score) : IIntegrationEvent;

/// <summary>When in the journey a wellbeing questionnaire was taken (<see cref="WellbeingRecorded.Timepoint"/>).</summary>
public static class WellbeingTimepoints
{
    public const string Baseline = "baseline";
    public const string FollowUp = "followup";
    public const string Final = "final";
}
