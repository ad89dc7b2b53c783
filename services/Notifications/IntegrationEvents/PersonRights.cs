using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Rights;
using SocialPrescribing.Notifications.Infrastructure;

namespace SocialPrescribing.Notifications.IntegrationEvents;

/// <summary>The Notifications service's part of a subject access export: how it reaches the person, and every message it sent them.</summary>
public sealed class ContributeToSubjectAccess(NotificationsDbContext db, TimeProvider time)
    : SubjectAccessContributor<NotificationsDbContext>(db, time, ResourceNames.Notifications)
{
    protected override async Task<PersonalDataPart> GatherAsync(IReadOnlyList<Guid> referralIds, IReadOnlyList<Guid> caseIds, CancellationToken cancellationToken)
    {
        var referrals = referralIds.ToList();
        var cases = caseIds.ToList();
        var notices = await Db.Notices.AsNoTracking()
            .Where(n => (n.ReferralId != null && referrals.Contains(n.ReferralId.Value)) || (n.CaseId != null && cases.Contains(n.CaseId.Value)))
            .OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken);
        var people = notices.Where(n => n.PersonId != null).Select(n => n.PersonId!.Value).Distinct().ToList();
        var recipients = await Db.Recipients.AsNoTracking().Where(r => people.Contains(r.PersonId)).ToListAsync(cancellationToken);
        return new PersonalDataPart(
            new Dictionary<string, object> { ["contact"] = recipients, ["messages"] = notices },
            [.. notices.Select(n => n.Id), .. people]);
    }
}

/// <summary>A person's erasure here: how to reach them and every message to them go.</summary>
public sealed class EraseOnPersonErasureRequested(NotificationsDbContext db, TimeProvider time, FailedMessages failed)
    : PersonEraser<NotificationsDbContext>(db, time, failed, ResourceNames.Notifications)
{
    protected override async Task<ErasedPart> EraseAsync(ErasureKeys keys, CancellationToken cancellationToken)
    {
        var people = keys.PersonIds.ToList();
        var referrals = keys.ReferralIds.ToList();
        var cases = keys.CaseIds.ToList();
        var notices = Db.Notices.Where(n => (n.PersonId != null && people.Contains(n.PersonId.Value))
                                            || (n.ReferralId != null && referrals.Contains(n.ReferralId.Value))
                                            || (n.CaseId != null && cases.Contains(n.CaseId.Value)));
        var ids = await notices.Select(n => n.Id).ToListAsync(cancellationToken);
        var rows = await notices.ExecuteDeleteAsync(cancellationToken)
                   + await Db.Recipients.Where(r => people.Contains(r.PersonId)).ExecuteDeleteAsync(cancellationToken)
                   + await Db.ReferralPeople.Where(r => people.Contains(r.PersonId) || referrals.Contains(r.ReferralId)).ExecuteDeleteAsync(cancellationToken);
        return new ErasedPart(rows, [.. ids, .. people], "notice");
    }
}
