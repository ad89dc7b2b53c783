using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.IntegrationEvents;

/// <summary>
/// The link worker took a request back: it leaves the provider's inbox or the waiting list, and the line
/// moves on (an offered place it held goes to the next in line). An answered request is left as it is.
/// </summary>
public sealed class WithdrawProviderReferral(DirectoryDbContext db, TimeProvider time)
    : InboxConsumer<ProviderReferralWithdrawn, DirectoryDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<ProviderReferralWithdrawn> context, CancellationToken cancellationToken)
    {
        var referral = await Db.ProviderReferrals.SingleOrDefaultAsync(r => r.Id == context.Message.ProviderReferralId, cancellationToken);
        var now = Time.GetUtcNow();
        if (referral is null || !referral.Withdraw(now))
        {
            return;
        }

        var service = await Db.Services.SingleAsync(s => s.Id == referral.ServiceId, cancellationToken);
        await Db.MoveOnAsync(service, now, cancellationToken);
    }
}
