using MassTransit;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Notifications.Features.StaffAlerts;
using SocialPrescribing.Notifications.Infrastructure;

namespace SocialPrescribing.Notifications.IntegrationEvents;

/// <summary>A provider said no: the case's link worker is alerted (the managers when nobody holds the case), to look elsewhere.</summary>
public sealed class AlertOnProviderDecline(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl)
    : InboxConsumer<ProviderReferralDeclined, NotificationsDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<ProviderReferralDeclined> context, CancellationToken cancellationToken)
    {
        var known = await Db.CaseAsync(context.Message.CaseId, cancellationToken);
        await StaffAlerts.RaiseAsync(Db, StaffAlerts.ProviderDeclined, context.Message.Id, known.AssignedTo, known, Time.GetUtcNow(), publicUrl, cancellationToken);
    }
}
