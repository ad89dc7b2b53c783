using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Rights;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.IntegrationEvents;

/// <summary>The Directory's part of a subject access export: each referral to a provider, with what the provider was told and answered.</summary>
public sealed class ContributeToSubjectAccess(DirectoryDbContext db, TimeProvider time)
    : SubjectAccessContributor<DirectoryDbContext>(db, time, ResourceNames.ServiceDirectory)
{
    protected override async Task<PersonalDataPart> GatherAsync(IReadOnlyList<Guid> referralIds, IReadOnlyList<Guid> caseIds, CancellationToken cancellationToken)
    {
        var cases = caseIds.ToList();
        var referrals = await Db.ProviderReferrals.AsNoTracking().Where(r => cases.Contains(r.CaseId)).OrderBy(r => r.ReceivedAt)
            .Select(r => new
            {
                r.Id, r.CaseId, r.CaseReference, r.ServiceId,
                Service = Db.Services.Where(s => s.Id == r.ServiceId).Select(s => s.Name).FirstOrDefault(),
                Organization = Db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).FirstOrDefault(),
                r.Needs, r.PersonGivenName, r.PersonPhone, r.PersonEmail, r.Note, r.Status, r.DeclineReason, r.AnsweredBy,
                r.ReceivedAt, r.AnsweredAt, r.RemindedAt, r.CompletedAt,
            })
            .ToListAsync(cancellationToken);
        return new PersonalDataPart(new Dictionary<string, object> { ["providerReferrals"] = referrals }, [.. referrals.Select(r => r.Id)]);
    }
}
