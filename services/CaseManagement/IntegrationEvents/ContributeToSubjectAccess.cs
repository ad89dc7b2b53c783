using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Messaging.Rights;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>Case Management's part of a subject access export: the person's cases with everything in them (steps, notes, meetings, tasks, contacts, the plan, scores shown).</summary>
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
        return new PersonalDataPart(new Dictionary<string, object> { ["cases"] = cases }, [.. cases.Select(c => c.Id)]);
    }
}
