using Microsoft.EntityFrameworkCore;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.ReadCaseWellbeing;

/// <summary>A case's wellbeing: every questionnaire, and progress per instrument.</summary>
public sealed record CaseWellbeing(Guid CaseId, string? Reference, IReadOnlyList<AssessmentView> Assessments, IReadOnlyList<InstrumentProgress> Instruments)
{
    /// <summary>The case's scores, or null if the case is unknown or not the reader's to see.</summary>
    public static async Task<CaseWellbeing?> LoadAsync(WellbeingServices services, Guid caseId, CancellationToken cancellationToken)
    {
        var known = await services.Db.Cases.AsNoTracking().VisibleTo(services.Http.User).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (known is null)
        {
            return null;
        }

        var assessments = await services.Db.Assessments.AsNoTracking().Where(a => a.CaseId == caseId)
            .OrderBy(a => a.CompletedOn).ThenBy(a => a.Sequence).ThenBy(a => a.RecordedAt).ToListAsync(cancellationToken);
        var ids = assessments.Select(a => a.InstrumentId).Distinct().ToList();
        var instruments = await services.Db.Instruments.AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return new CaseWellbeing(
            caseId,
            known.Reference,
            [.. assessments.Select(AssessmentView.From)],
            [.. instruments.Select(i => Progress.For(i.Definition, assessments))]);
    }
}
