using MassTransit;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>A referral cancelled by its referrer leaves its case (or withdraws the case if it was its only referral).</summary>
public sealed class WithdrawOnReferralWithdrawn(CaseDbContext db, TimeProvider time)
    : InboxConsumer<ReferralWithdrawn, CaseDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<ReferralWithdrawn> context, CancellationToken cancellationToken)
    {
        var referralId = context.Message.ReferralId;
        var found = await Db.CaseOfReferralAsync(referralId, cancellationToken);
        foreach (var @event in found.WithdrawReferral(referralId, Time.GetUtcNow()))
        {
            Db.AddIntegrationEvent(@event, found.Id.ToString());
        }
    }
}
