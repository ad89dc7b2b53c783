using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Features.StaffAlerts;

/// <summary>
/// Link workers, managers and safeguarding leads join the roster (with the email their token carries) the first time they call this service —
/// the caseload and the safeguarding queue ask it for their alerts, the case page for its messages — and are kept up to date when that changes.
/// </summary>
public sealed class StaffRoster(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    public async Task NoteAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var user = context.User;
        if (!(user.IsInRole(SuiteRoles.LinkWorker) || user.IsInRole(SuiteRoles.Manager) || user.IsInRole(SuiteRoles.Safeguarding))
            || user.FindFirst(SuiteAuthentication.SubjectClaim)?.Value is not { Length: > 0 and <= 128 } userId)
        {
            return;
        }

        var email = user.FindFirst("email")?.Value is { Length: > 0 and <= 254 } address ? address : null;
        List<string> roles = [.. new[] { SuiteRoles.LinkWorker, SuiteRoles.Manager, SuiteRoles.Safeguarding }.Where(user.IsInRole)];
        var team = user.FindFirst(SuiteAuthentication.TeamClaim)?.Value is { Length: > 0 and <= 64 } t ? t : null;
        var fingerprint = $"{email}\n{string.Join(',', roles)}\n{team}";
        if (_known.TryGetValue(userId, out var seen) && seen == fingerprint)
        {
            return;
        }

        var db = context.RequestServices.GetRequiredService<NotificationsDbContext>();
        var now = time.GetUtcNow();
        var member = await db.Staff.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (member is null)
        {
            db.Staff.Add(StaffMember.Seen(userId, email, roles, team, now));
        }
        else
        {
            member.Update(email, roles, team, now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first calls at once: the other wrote the same row.
        }

        db.ChangeTracker.Clear();
        _known[userId] = fingerprint;
    }
}

internal static class StaffRosterMiddleware
{
    public static WebApplication UseStaffRoster(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await context.RequestServices.GetRequiredService<StaffRoster>().NoteAsync(context, context.RequestAborted);
            await next(context);
        });
        return app;
    }
}
