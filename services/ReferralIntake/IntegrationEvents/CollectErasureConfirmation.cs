using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.IntegrationEvents;

/// <summary>A service confirmed a person's erasure: the request shows it; with the last one, the erasure is done.</summary>
public sealed class CollectErasureConfirmation(ReferralDbContext db, TimeProvider time) : InboxConsumer<PersonErased, ReferralDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<PersonErased> context, CancellationToken cancellationToken)
    {
        var confirmed = context.Message;
        // Confirmations arrive together: the lock lets each see the ones before it.
        await Db.Database.ExecuteSqlAsync($"SELECT 1 FROM erasure_requests WHERE id = {confirmed.RequestId} FOR UPDATE", cancellationToken);
        var request = await Db.ErasureRequests.SingleOrDefaultAsync(r => r.Id == confirmed.RequestId, cancellationToken);
        request?.Confirm(confirmed.Service, confirmed.Removed, Time.GetUtcNow());
    }
}
