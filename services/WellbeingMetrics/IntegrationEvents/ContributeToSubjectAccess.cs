using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Rights;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.IntegrationEvents;

/// <summary>Wellbeing's part of a subject access export: every questionnaire's answers and score, the completion links sent, and what reports know of the case.</summary>
public sealed class ContributeToSubjectAccess(WellbeingDbContext db, TimeProvider time)
    : SubjectAccessContributor<WellbeingDbContext>(db, time, ResourceNames.WellbeingMetrics)
{
    protected override async Task<PersonalDataPart> GatherAsync(IReadOnlyList<Guid> referralIds, IReadOnlyList<Guid> caseIds, CancellationToken cancellationToken)
    {
        var cases = caseIds.ToList();
        var assessments = await Db.Assessments.AsNoTracking().Where(a => cases.Contains(a.CaseId)).OrderBy(a => a.CompletedOn).ToListAsync(cancellationToken);
        var links = await Db.CompletionLinks.AsNoTracking().Where(l => cases.Contains(l.CaseId)).OrderBy(l => l.CreatedAt)
            .Select(l => new { l.Id, l.CaseId, l.InstrumentId, l.Timepoint, l.CreatedBy, l.CreatedAt, l.ExpiresAt, l.UsedAt })
            .ToListAsync(cancellationToken);
        var known = await Db.Cases.AsNoTracking().Where(c => cases.Contains(c.Id)).ToListAsync(cancellationToken);
        var pairs = await Db.OutcomePairs.AsNoTracking().Where(p => cases.Contains(p.CaseId)).ToListAsync(cancellationToken);
        return new PersonalDataPart(
            new Dictionary<string, object> { ["assessments"] = assessments, ["completionLinks"] = links, ["cases"] = known, ["outcomePairs"] = pairs },
            [.. assessments.Select(a => a.Id), .. links.Select(l => l.Id), .. cases]);
    }
}
