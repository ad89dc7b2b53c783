using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Rights;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>A person's erasure here: their cases go, with everything in them (steps, notes, meetings, tasks, contacts, the plan, scores shown) and their safeguarding concerns (the database cascades).</summary>
public sealed class EraseOnPersonErasureRequested(CaseDbContext db, TimeProvider time, FailedMessages failed)
    : PersonEraser<CaseDbContext>(db, time, failed, ResourceNames.CaseManagement)
{
    protected override async Task<ErasedPart> EraseAsync(ErasureKeys keys, CancellationToken cancellationToken)
    {
        var referrals = keys.ReferralIds.ToList();
        var known = keys.CaseIds.ToList();
        var cases = await Db.Cases.AsSplitQuery()
            .Where(c => known.Contains(c.Id) || referrals.Contains(c.ReferralId) || c.AlsoReferred.Any(r => referrals.Contains(r.ReferralId)))
            .ToListAsync(cancellationToken);
        Db.Cases.RemoveRange(cases);
        return new ErasedPart(cases.Count, [.. cases.Select(c => c.Id)], "case");
    }
}
