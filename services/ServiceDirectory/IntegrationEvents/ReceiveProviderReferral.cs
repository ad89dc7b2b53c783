using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.IntegrationEvents;

/// <summary>
/// Puts a link worker's request in the inbox of the organisation running the service, once. A request
/// for a service that is not in the directory or not running is declined at once with the reason, so
/// the link worker is never left waiting for an answer that cannot come. A full or paused service puts
/// it on its waiting list instead.
/// </summary>
public sealed class ReceiveProviderReferral(DirectoryDbContext db, TimeProvider time)
    : InboxConsumer<ProviderReferralRequested, DirectoryDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<ProviderReferralRequested> context, CancellationToken cancellationToken)
    {
        var request = context.Message;
        if (await Db.ProviderReferrals.AnyAsync(r => r.Id == request.ProviderReferralId, cancellationToken))
        {
            return;
        }

        var now = Time.GetUtcNow();
        var service = await Db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.ServiceId, cancellationToken);
        var refusal = service switch
        {
            null => "This service is not in the directory.",
            { Status: not ServiceStatus.Active } => $"This service is {service.Status} and cannot take referrals.",
            _ => null,
        };
        if (refusal is not null)
        {
            Db.AddIntegrationEvent(
                new ProviderReferralDeclined(Guid.NewGuid(), now, request.ProviderReferralId, request.ServiceId, request.CaseId, refusal),
                request.ProviderReferralId.ToString());
            return;
        }

        var referral = ProviderReferral.Receive(request, service!.OrganizationId, now);
        Db.ProviderReferrals.Add(referral);
        var (waiting, offersOpen) = await Db.LineAsync(service.Id, cancellationToken);
        if (WaitingList.WhyWait(service, waiting.Count, offersOpen) is { } why)
        {
            // Full or paused: the request waits its turn, and the link worker sees where it stands.
            referral.JoinWaitingList();
            Db.AddIntegrationEvent(
                new ProviderReferralWaitlisted(Guid.NewGuid(), now, referral.Id, service.Id, request.CaseId, waiting.Count + 1, why),
                referral.Id.ToString());
            return;
        }

        // The organisation learns a referral is waiting (by email, through the Notifications service; no person's details).
        var email = await Db.Organizations.Where(o => o.Id == service.OrganizationId).Select(o => o.Email).SingleAsync(cancellationToken);
        Db.AddIntegrationEvent(
            new ProviderNoticeDue(Guid.CreateVersion7(now), now, request.ProviderReferralId, service.OrganizationId, email, "waiting"),
            request.ProviderReferralId.ToString());
    }
}
