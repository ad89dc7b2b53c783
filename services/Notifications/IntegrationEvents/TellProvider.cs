using System.Globalization;
using MassTransit;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.IntegrationEvents;

/// <summary>
/// A provider organisation learns that a referral is waiting in its inbox, and is chased when it is still unanswered:
/// an email to its referral contact with a link to the inbox and nothing about the person.
/// </summary>
public sealed class TellProvider(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl, IConfiguration configuration)
    : InboxConsumer<ProviderNoticeDue, NotificationsDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderNoticeDue> context, CancellationToken cancellationToken)
    {
        var due = context.Message;
        var days = configuration.GetValue("Directory:ReminderDays", 7).ToString(CultureInfo.InvariantCulture);
        Db.Notices.Add(Notice.ToOrganization(due.Id, $"provider-referral-{due.Kind}", due.OrganizationEmail, new Dictionary<string, string>
        {
            ["inbox_link"] = publicUrl.Link("/provider"),
            ["days"] = days,
        }, Time.GetUtcNow()));
        return Task.CompletedTask;
    }
}

/// <summary>A service's listing is stale: its organisation's referral contact is asked to confirm or correct it, through a one-time link.</summary>
public sealed class TellProviderAboutListing(NotificationsDbContext db, TimeProvider time, QuietHours clock)
    : InboxConsumer<ListingConfirmationDue, NotificationsDbContext>(db, time)
{
    public const string Kind = "listing-confirmation";

    protected override Task HandleAsync(ConsumeContext<ListingConfirmationDue> context, CancellationToken cancellationToken)
    {
        var due = context.Message;
        Db.Notices.Add(Notice.ToOrganization(due.Id, Kind, due.OrganizationEmail, new Dictionary<string, string>
        {
            ["service"] = due.ServiceName,
            ["confirm_link"] = due.Url,
            ["expires"] = clock.Local(due.ExpiresAt).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")),
        }, Time.GetUtcNow()));
        return Task.CompletedTask;
    }
}
