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
        return app;
    }

    public static async Task<Results<Ok<CaseNotices>, ProblemHttpResult>> ListAsync(
        Guid caseId, NotificationsDbContext db, NoticeTemplates templates, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var known = await db.Cases.AsNoTracking().VisibleTo(http.User).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (known is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such case",
                detail: $"There is no case with id '{caseId}' whose messages you can see.");
        }

        var referrals = known.ReferralIds;
        var notices = await db.Notices.AsNoTracking()
            .Where(n => n.CaseId == caseId || (n.ReferralId != null && referrals.Contains(n.ReferralId.Value)))
            .OrderBy(n => n.DueAt).ThenBy(n => n.CreatedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        db.Audit(http, "read", "case-notices", [caseId], time);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CaseNotices(caseId, [.. notices.Select(n => NoticeView.Of(n, templates))]));
    }
}

public sealed record CaseNotices(Guid CaseId, IReadOnlyList<NoticeView> Notices);
