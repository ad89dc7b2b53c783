using MassTransit;
using Microsoft.Extensions.Options;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>A red-flag referral puts its case (or the case it joined) in the same-day queue.</summary>
public sealed class FlagCaseOnReferralFlaggedUrgent(CaseDbContext db, TimeProvider time, IOptions<ContactTargets> targets)
    : InboxConsumer<ReferralFlaggedUrgent, CaseDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<ReferralFlaggedUrgent> context, CancellationToken cancellationToken)
    {
        var referralId = context.Message.ReferralId;
        var found = await Db.CaseOfReferralAsync(referralId, cancellationToken);
        found.FlagUrgent(targets.Value, Time.GetUtcNow());
    }
}
