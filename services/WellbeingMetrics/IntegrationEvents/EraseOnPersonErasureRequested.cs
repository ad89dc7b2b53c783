using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Rights;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.IntegrationEvents;

/// <summary>A person's erasure here: their answers and scores, completion links, and what reports knew of their cases go.</summary>
public sealed class EraseOnPersonErasureRequested(WellbeingDbContext db, TimeProvider time, FailedMessages failed)
    : PersonEraser<WellbeingDbContext>(db, time, failed, ResourceNames.WellbeingMetrics)
{
    protected override async Task<ErasedPart> EraseAsync(ErasureKeys keys, CancellationToken cancellationToken)
    {
        var cases = keys.CaseIds.ToList();
        var assessments = await Db.Assessments.Where(a => cases.Contains(a.CaseId)).Select(a => a.Id).ToListAsync(cancellationToken);
        var rows = await Db.RemoveCasesAsync(cases, cancellationToken);
        return new ErasedPart(rows, [.. assessments, .. cases], "assessment");
    }
}
