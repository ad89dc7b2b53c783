using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Rights;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.IntegrationEvents;

/// <summary>A person's erasure here: their referrals to providers go from every provider's inbox.</summary>
public sealed class EraseOnPersonErasureRequested(DirectoryDbContext db, TimeProvider time, FailedMessages failed)
    : PersonEraser<DirectoryDbContext>(db, time, failed, ResourceNames.ServiceDirectory)
{
    protected override async Task<ErasedPart> EraseAsync(ErasureKeys keys, CancellationToken cancellationToken)
    {
        var cases = keys.CaseIds.ToList();
        var ids = await Db.ProviderReferrals.Where(r => cases.Contains(r.CaseId)).Select(r => r.Id).ToListAsync(cancellationToken);
        var rows = await Db.ProviderReferrals.Where(r => cases.Contains(r.CaseId)).ExecuteDeleteAsync(cancellationToken);
        return new ErasedPart(rows, ids, "provider-referral");
    }
}
