using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Http;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Features.StaffAlerts;

/// <summary>Raising an alert to staff, and which alerts a staff member sees.</summary>
public static class StaffAlerts
{
    public const string UrgentNotReached = "urgent-not-reached";
    public const string ProviderDeclined = "provider-declined";
    public const string SafeguardingRaised = "safeguarding-raised";
    public const string SafeguardingOverdue = "safeguarding-overdue";
    public const string RiskReviewOverdue = "risk-review-overdue";

    /// <summary>
    /// Raises an alert once per (kind, source): for <paramref name="userId"/>, or when null for those holding
    /// <paramref name="role"/> (managers unless said) in the case's team or every team; each addressee whose email is known gets an email (no opt-out: safety-critical), the rest see it on their
    /// caseload only (the email kept as not sent, with the reason, on the case).
    /// </summary>
    public static async Task RaiseAsync(
        NotificationsDbContext db, string kind, Guid sourceId, string? userId, KnownCase known, DateTimeOffset now, PublicBaseUrl publicUrl,
        CancellationToken cancellationToken, string role = SuiteRoles.Manager, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(known);
        if (await db.StaffAlerts.AnyAsync(a => a.Kind == kind && a.SourceId == sourceId, cancellationToken))
        {
            return;
        }

        var alert = StaffAlert.For(kind, sourceId, userId, known, now, role);
        db.StaffAlerts.Add(alert);
        var addressees = userId is not null
            ? await db.Staff.Where(s => s.UserId == userId).ToListAsync(cancellationToken)
            : await db.Staff.Where(s => s.Roles.Contains(role) && (s.Team == null || s.Team == known.Team)).ToListAsync(cancellationToken);
        var values = new Dictionary<string, string>
        {
            ["reference"] = alert.CaseReference,
            ["case_link"] = publicUrl.Link($"/caseworker/cases/{known.Id}"),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        foreach (var addressee in addressees)
        {
            var notice = Notice.ToOrganization(Derived(alert.Id, addressee.UserId), kind, addressee.Email, values, now, known.Id);
            if (addressee.Email is null)
            {
                notice.Drop(NoticeStatus.NotSent, "no email is known for the staff member yet (they see it on their caseload)");
            }

            db.Notices.Add(notice);
        }

        if (addressees.Count == 0)
        {
            db.Notices.Add(Notice.Unreachable(alert.Id, kind, known.Id,
                userId is not null ? "the link worker is not known yet (they see it on their caseload)"
                : role == SuiteRoles.Manager ? "no manager of the team is known yet (managers see it on their caseload)"
                : "no safeguarding lead is known yet (they see it in their queue)", now));
        }
    }

    /// <summary>
    /// The alerts a staff member sees: their own, and as a manager (or safeguarding lead) those for their role in their team
    /// (or every team, without a team).
    /// </summary>
    public static IQueryable<StaffAlert> For(this IQueryable<StaffAlert> alerts, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "";
        List<string> roles = [.. new[] { SuiteRoles.Manager, SuiteRoles.Safeguarding }.Where(user.IsInRole)];
        if (roles.Count == 0)
        {
            return alerts.Where(a => a.UserId == userId);
        }

        var teams = user.FindAll(SuiteAuthentication.TeamClaim).Select(c => c.Value).ToList();
        return teams.Count == 0
            ? alerts.Where(a => a.UserId == userId || (a.UserId == null && roles.Contains(a.Role)))
            : alerts.Where(a => a.UserId == userId || (a.UserId == null && roles.Contains(a.Role) && (a.Team == null || teams.Contains(a.Team))));
    }

    /// <summary>One message per alert and addressee, found again on redelivery.</summary>
    private static Guid Derived(Guid alertId, string userId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"{alertId}:{userId}")));
}
