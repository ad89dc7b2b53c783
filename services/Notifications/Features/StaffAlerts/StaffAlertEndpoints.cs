using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.Features.StaffAlerts;

/// <summary>The caller's alerts not yet seen (for the caseload), and marking one seen.</summary>
public static class StaffAlertEndpoints
{
    public static WebApplication MapStaffAlerts(this WebApplication app)
    {
        var group = app.MapGroup("/api/notifications/alerts").WithTags("Staff alerts");
        group.MapGet("/", ListAsync).WithName("ListStaffAlerts")
            .WithSummary("The caller's alerts not yet seen: urgent cases not reached by 15:00, overdue safeguarding concerns and same-day risk reviews (managers), " +
                         "providers' declines (the case's link worker), new safeguarding concerns (safeguarding leads)")
            .RequireAuthorization(AccessPolicies.AlertReader)
            .ReturnsRecords(RecordScope.None);
        group.MapPost("/{id:guid}/seen", SeenAsync).WithName("MarkStaffAlertSeen")
            .WithSummary("Marks one of the caller's alerts seen (it leaves every addressee's caseload)")
            .RequireAuthorization(AccessPolicies.AlertReader);
        return app;
    }

    public static async Task<Ok<AlertList>> ListAsync(NotificationsDbContext db, NoticeTemplates templates, HttpContext http, CancellationToken cancellationToken)
    {
        var alerts = await db.StaffAlerts.AsNoTracking().For(http.User).Where(a => a.SeenAt == null)
            .OrderByDescending(a => a.CreatedAt).Take(50).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AlertList([.. alerts.Select(a => new AlertView(a.Id, a.Kind, templates.Titles.GetValueOrDefault(a.Kind, a.Kind), a.CaseId, a.CaseReference, a.CreatedAt))]));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SeenAsync(
        Guid id, NotificationsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var alert = await db.StaffAlerts.For(http.User).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such alert", detail: $"There is no alert with id '{id}' for you.");
        }

        alert.Seen(http.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "unknown", time.GetUtcNow());
        db.Audit(http, "seen", "staff-alert", [alert.Id], time);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

public sealed record AlertList(IReadOnlyList<AlertView> Alerts);

public sealed record AlertView(Guid Id, string Kind, string Title, Guid CaseId, string CaseReference, DateTimeOffset CreatedAt);
