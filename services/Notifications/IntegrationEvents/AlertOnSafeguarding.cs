using System.Globalization;
using MassTransit;
using SocialPrescribing.Authentication;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Notifications.Features.StaffAlerts;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.IntegrationEvents;

/// <summary>A safeguarding concern was raised: the safeguarding leads are alerted at once, with its due time.</summary>
public sealed class AlertOnSafeguardingConcernRaised(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl, QuietHours clock)
    : InboxConsumer<SafeguardingConcernRaised, NotificationsDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<SafeguardingConcernRaised> context, CancellationToken cancellationToken) =>
        SafeguardingAlerts.RaiseAsync(Db, StaffAlerts.SafeguardingRaised, SuiteRoles.Safeguarding, context.Message.ConcernId, context.Message.CaseId,
            context.Message.Reference, context.Message.Team, SafeguardingAlerts.Values(context.Message.ConcernId, context.Message.DueBy, publicUrl, clock),
            Time.GetUtcNow(), publicUrl, cancellationToken);
}

/// <summary>A safeguarding concern is past its due time with no decision: the lead's manager — the managers of the case's team — is alerted.</summary>
public sealed class AlertOnSafeguardingConcernOverdue(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl, QuietHours clock)
    : InboxConsumer<SafeguardingConcernOverdue, NotificationsDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<SafeguardingConcernOverdue> context, CancellationToken cancellationToken) =>
        SafeguardingAlerts.RaiseAsync(Db, StaffAlerts.SafeguardingOverdue, SuiteRoles.Manager, context.Message.ConcernId, context.Message.CaseId,
            context.Message.Reference, context.Message.Team, SafeguardingAlerts.Values(context.Message.ConcernId, context.Message.DueBy, publicUrl, clock),
            Time.GetUtcNow(), publicUrl, cancellationToken);
}

/// <summary>A same-day review of a risk recorded at a contact was not done by the end of its day: the team's managers are alerted.</summary>
public sealed class AlertOnSameDayReviewOverdue(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl, QuietHours clock)
    : InboxConsumer<SameDayReviewOverdue, NotificationsDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<SameDayReviewOverdue> context, CancellationToken cancellationToken) =>
        SafeguardingAlerts.RaiseAsync(Db, StaffAlerts.RiskReviewOverdue, SuiteRoles.Manager, context.Message.TaskId, context.Message.CaseId,
            context.Message.Reference, context.Message.Team, new Dictionary<string, string> { ["due"] = SafeguardingAlerts.When(context.Message.DueBy, clock) },
            Time.GetUtcNow(), publicUrl, cancellationToken);
}

internal static class SafeguardingAlerts
{
    /// <summary>The alert of <paramref name="kind"/> for <paramref name="role"/> in the case's team, once per <paramref name="sourceId"/>.</summary>
    public static async Task RaiseAsync(
        NotificationsDbContext db, string kind, string role, Guid sourceId, Guid caseId, string reference, string team, Dictionary<string, string> values,
        DateTimeOffset now, PublicBaseUrl publicUrl, CancellationToken cancellationToken)
    {
        var known = await db.CaseAsync(caseId, cancellationToken);
        known.Describe(reference, team);
        await StaffAlerts.RaiseAsync(db, kind, sourceId, null, known, now, publicUrl, cancellationToken, role, values);
    }

    public static Dictionary<string, string> Values(Guid concernId, DateTimeOffset dueBy, PublicBaseUrl publicUrl, QuietHours clock) => new()
    {
        ["concern_link"] = publicUrl.Link($"/safeguarding/concerns/{concernId}"),
        ["due"] = When(dueBy, clock),
    };

    public static string When(DateTimeOffset at, QuietHours clock) =>
        clock.Local(at).ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB"));
}
