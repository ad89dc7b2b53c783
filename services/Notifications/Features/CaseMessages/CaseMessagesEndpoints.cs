using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.Features.CaseMessages;

/// <summary>
/// Every message about a case — to the person (its referrals' acknowledgements, its meetings and reminders, links) and
/// about it to staff — with its status and what it said, for the case page (audited: it shows how the person is reached).
/// </summary>
public static class CaseMessagesEndpoints
{
    public static WebApplication MapCaseMessages(this WebApplication app)
    {
        app.MapGet("/api/notifications/cases/{caseId:guid}/notices", ListAsync).WithTags("Messages").WithName("GetCaseNotices")
            .WithSummary("Every message about a case: what, how, its status (sent, delivered, due, not sent and why) and its content")
            .RequireAuthorization(AccessPolicies.MessageReader)
            .ReturnsRecords(RecordScope.CaseTeam);
        // The contract's shape (docs/api.md; through the gateway as GET /api/cases/{id}/messages).
        app.MapGet("/api/notifications/cases/{caseId:guid}/messages", MessagesAsync).WithTags("Messages").WithName("GetCaseMessages")
            .WithSummary("A case's messages as the public API gives them at /api/cases/{id}/messages: channel, template, to, status, when")
            .RequireAuthorization(AccessPolicies.MessageReader)
            .ReturnsRecords(RecordScope.CaseTeam);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<CaseMessage>>, ProblemHttpResult>> MessagesAsync(
        Guid caseId, NotificationsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var (notices, problem) = await LoadAsync(caseId, db, time, http, cancellationToken);
        return problem is not null ? problem : TypedResults.Ok<IReadOnlyList<CaseMessage>>([.. notices!.Select(CaseMessage.Of)]);
    }

    public static async Task<Results<Ok<CaseNotices>, ProblemHttpResult>> ListAsync(
        Guid caseId, NotificationsDbContext db, NoticeTemplates templates, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var (notices, problem) = await LoadAsync(caseId, db, time, http, cancellationToken);
        return problem is not null ? problem : TypedResults.Ok(new CaseNotices(caseId, [.. notices!.Select(n => NoticeView.Of(n, templates))]));
    }

    /// <summary>The case's messages, oldest due first, when the caller may see the case (audited); else a 404 problem.</summary>
    private static async Task<(List<Model.Notice>? Notices, ProblemHttpResult? Problem)> LoadAsync(
        Guid caseId, NotificationsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var known = await db.Cases.AsNoTracking().VisibleTo(http.User).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (known is null)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such case",
                detail: $"There is no case with id '{caseId}' whose messages you can see."));
        }

        var referrals = known.ReferralIds;
        var notices = await db.Notices.AsNoTracking()
            .Where(n => n.CaseId == caseId || (n.ReferralId != null && referrals.Contains(n.ReferralId.Value)))
            .OrderBy(n => n.DueAt).ThenBy(n => n.CreatedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        db.Audit(http, "read", "case-notices", [caseId], time);
        await db.SaveChangesAsync(cancellationToken);
        return (notices, null);
    }
}

public sealed record CaseNotices(Guid CaseId, IReadOnlyList<NoticeView> Notices);

/// <summary>
/// A message in the public API's words: <c>channel</c> sms, email or letter; <c>template</c> the message's kind; <c>to</c>
/// the address (the case's team may see the person's contact); <c>status</c> scheduled, sent, delivered, failed (refused or
/// every attempt failed) or cancelled (not sent: cancelled, or the person cannot or asked not to be reached).
/// </summary>
public sealed record CaseMessage(Guid Id, string? Channel, string Template, string? To, string Status, DateTimeOffset SendAt, DateTimeOffset? SentAt)
{
    public static CaseMessage Of(Model.Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new CaseMessage(notice.Id, notice.Channel == Model.NoticeChannels.Text ? "sms" : notice.Channel, notice.Kind, notice.Address,
            notice.Status switch
            {
                Model.NoticeStatus.Pending => "scheduled",
                Model.NoticeStatus.Sent => "sent",
                Model.NoticeStatus.Delivered => "delivered",
                Model.NoticeStatus.Undelivered or Model.NoticeStatus.Failed => "failed",
                _ => "cancelled",
            },
            notice.DueAt, notice.SentAt);
    }
}
