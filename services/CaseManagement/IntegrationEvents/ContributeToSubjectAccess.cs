using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Messaging.Rights;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>Case Management's part of a subject access export: the person's cases with everything in them (steps, notes, meetings, tasks, contacts, the plan, scores shown) and their safeguarding concerns.</summary>
public sealed class ContributeToSubjectAccess(CaseDbContext db, TimeProvider time)
    : SubjectAccessContributor<CaseDbContext>(db, time, ResourceNames.CaseManagement)
{
    protected override async Task<PersonalDataPart> GatherAsync(IReadOnlyList<Guid> referralIds, IReadOnlyList<Guid> caseIds, CancellationToken cancellationToken)
    {
        var referrals = referralIds.ToList();
        var known = caseIds.ToList();
        var cases = await Db.Cases.AsNoTracking().AsSplitQuery()
            .Where(c => known.Contains(c.Id) || referrals.Contains(c.ReferralId) || c.AlsoReferred.Any(r => referrals.Contains(r.ReferralId)))
            .OrderBy(c => c.OpenedAt)
            .ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToList();
        // Safeguarding concerns are the person's data too; the manager who downloads the export reviews them before it is
        // released (the Data Protection Act 2018's exemptions for serious harm apply to them).
        var concerns = await Db.Concerns.AsNoTracking().Where(c => ids.Contains(c.CaseId)).OrderBy(c => c.RaisedAt).ToListAsync(cancellationToken);
        return new PersonalDataPart(new Dictionary<string, object> { ["cases"] = cases, ["safeguardingConcerns"] = concerns }, [.. ids]);
    }
}
