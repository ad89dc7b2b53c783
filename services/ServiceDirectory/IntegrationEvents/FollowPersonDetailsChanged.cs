using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.IntegrationEvents;

/// <summary>
/// The person's details were corrected, or they withdrew consent to share with providers: the copies in
/// providers' inboxes (their first name, phone, email) follow: corrected, or cleared to the first name only.
/// </summary>
public sealed class FollowPersonDetailsChanged(DirectoryDbContext db, TimeProvider time)
    : InboxConsumer<PersonDetailsChanged, DirectoryDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<PersonDetailsChanged> context, CancellationToken cancellationToken)
    {
        var changed = context.Message;
        var caseIds = changed.CaseIds.ToList();
        var copies = await Db.ProviderReferrals.Where(r => caseIds.Contains(r.CaseId)).ToListAsync(cancellationToken);
        foreach (var copy in copies)
        {
            copy.FollowPerson(changed.SharedWithProviders, Time.GetUtcNow(), changed.Restricted);
        }
    }
}
