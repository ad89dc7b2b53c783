using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>Opens a case at step Referral for each new referral, once, for the team covering its area.</summary>
public sealed class OpenCaseOnReferralSubmitted(CaseDbContext db, TimeProvider time, IOptions<TeamAreas> teams)
    : InboxConsumer<ReferralSubmitted, CaseDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<ReferralSubmitted> context, CancellationToken cancellationToken)
    {
        var referral = context.Message;
        if (await Db.Cases.AnyAsync(c => c.ReferralId == referral.ReferralId, cancellationToken))
        {
            return;
        }

        var opened = Case.Open(referral, teams.Value.TeamFor(referral.Area), Time.GetUtcNow());
        Db.Cases.Add(opened);
        Db.AddIntegrationEvent(opened.ToOpenedEvent(), opened.Id.ToString());
    }
}
