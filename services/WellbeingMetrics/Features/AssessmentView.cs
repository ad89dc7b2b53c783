using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features;

/// <summary>A recorded questionnaire as the API shows it.</summary>
public sealed record AssessmentView(
    Guid Id, Guid CaseId, string Instrument, string Timepoint, int? FollowUp, string Mode, DateOnly CompletedOn,
    IReadOnlyList<int> Responses, string? Supplementary, Score Score, string RecordedBy, DateTimeOffset RecordedAt, string Language)
{
    public static AssessmentView From(Assessment a) =>
        new(a.Id, a.CaseId, a.InstrumentId, a.Timepoint, a.FollowUp, a.Mode, a.CompletedOn, a.Responses, a.SupplementaryAnswer, a.Score, a.RecordedBy, a.RecordedAt, a.Language);
}
