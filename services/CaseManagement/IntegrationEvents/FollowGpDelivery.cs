using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>Where the case's GP summary has got to, from Referral Intake: shown on the case, and a failure on the failed list.</summary>
public sealed class FollowGpDelivery(CaseDbContext db, TimeProvider time) : InboxConsumer<GpSummaryDelivery, CaseDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<GpSummaryDelivery> context, CancellationToken cancellationToken)
    {
        var found = await Db.Cases.SingleOrDefaultAsync(c => c.Id == context.Message.CaseId, cancellationToken);
        found?.FollowGpDelivery(context.Message);
    }
}
