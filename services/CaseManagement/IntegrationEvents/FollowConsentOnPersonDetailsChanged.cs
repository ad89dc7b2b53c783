using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>
/// The person's consent changed at Intake: each of their cases follows it (a withdrawn GP consent stops
/// the GP summary; a withdrawn provider consent keeps their contact details from providers). Their
/// details themselves are not copied here: the case page reads them from Intake.
/// </summary>
public sealed class FollowConsentOnPersonDetailsChanged(CaseDbContext db, TimeProvider time)
    : InboxConsumer<PersonDetailsChanged, CaseDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<PersonDetailsChanged> context, CancellationToken cancellationToken)
    {
        var changed = context.Message;
        var caseIds = changed.CaseIds.ToList();
        var referralIds = changed.ReferralIds.ToList();
        var cases = await Db.Cases.Where(c => caseIds.Contains(c.Id) || referralIds.Contains(c.ReferralId)).ToListAsync(cancellationToken);
        foreach (var found in cases)
        {
            found.FollowConsent(changed.ShareWithGp, changed.ShareWithProviders, Time.GetUtcNow(), changed.Restricted);
        }
    }
}
