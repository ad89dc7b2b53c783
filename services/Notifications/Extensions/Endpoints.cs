using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Notifications.Features.CaseMessages;
using SocialPrescribing.Notifications.Features.DeliveryReceipts;
using SocialPrescribing.Notifications.Features.ManageMessages;
using SocialPrescribing.Notifications.Features.StaffAlerts;
using SocialPrescribing.Notifications.Infrastructure;

namespace SocialPrescribing.Notifications.Extensions;

internal static class Endpoints
{
    /// <summary>Everything this service answers, beside what every service answers (ServicePipeline).</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapFailedMessagesApi("/api/notifications");
        app.MapAuditChainApi<NotificationsDbContext>("/api/notifications");
        app.MapRetentionApi<NotificationsDbContext>("/api/notifications", ResourceNames.Notifications);
        app.MapCaseMessages();
        app.MapManageMessages();
        app.MapDeliveryReceipts();
        app.MapStaffAlerts();
        app.MapRazorPages();
        return app;
    }
}
