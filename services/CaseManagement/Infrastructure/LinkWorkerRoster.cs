using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Infrastructure;

/// <summary>
/// Keeps the roster of link workers (<see cref="LinkWorker"/>) from the tokens they use, and picks
/// who takes a new case. A link worker is written once per process and again only when their names
/// or teams change, so the roster costs one write per person, not one per request.
/// </summary>
/// <remarks>
/// Someone who has never signed in gets no cases; until a team has a link worker its cases wait,
/// unassigned, for the first one to take them.
/// </remarks>
public sealed class LinkWorkerRoster(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    /// <summary>Records the caller when they are a link worker the roster does not know as they are now.</summary>
    public async Task NoteAsync(ClaimsPrincipal user, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(SuiteRoles.LinkWorker) || user.FindFirst(SuiteAuthentication.SubjectClaim)?.Value is not { Length: > 0 and <= 100 } userId)
        {
            return;
        }

        var userName = Clip(user.FindFirst(SuiteAuthentication.NameClaim)?.Value, 100);
        var displayName = Clip(user.FindFirst("preferred_username")?.Value, 200);
        List<string> teams = [.. user.FindAll(SuiteAuthentication.TeamClaim).Select(c => c.Value).Where(t => t.Length <= 64).Order(StringComparer.Ordinal)];
        var fingerprint = $"{userName}\n{displayName}\n{string.Join('\n', teams)}";
        if (_known.TryGetValue(userId, out var seen) && seen == fingerprint)
        {
            return;
        }

        var now = time.GetUtcNow();
        var db = services.GetRequiredService<CaseDbContext>();
        var closed = ClosedStepNames;
        // One statement, safe when two requests of a new person race. From then on the database keeps
        // open_cases (a trigger on cases); the first write counts what they already hold.
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO link_workers (user_id, user_name, display_name, teams, active, first_seen_at, last_seen_at, open_cases)
             VALUES ({userId}, {userName}, {displayName}, {teams}, TRUE, {now}, {now},
                 (SELECT count(*) FROM cases WHERE assigned_to = {userId} AND step <> ALL({closed})))
             ON CONFLICT (user_id) DO UPDATE SET user_name = EXCLUDED.user_name, display_name = EXCLUDED.display_name,
                 teams = EXCLUDED.teams, last_seen_at = EXCLUDED.last_seen_at
             """, cancellationToken);
        _known[userId] = fingerprint;
    }

    /// <summary>Forgets who was written, so the next call of each link worker writes them again (after the table was emptied).</summary>
    internal void Forget() => _known.Clear();

    /// <summary>The team's active link worker with the fewest open cases (the longest-serving on a tie), or null when the team has none yet.</summary>
    public static Task<string?> ChooseForAsync(CaseDbContext db, string team, CancellationToken cancellationToken) =>
        db.LinkWorkers.AsNoTracking()
            .Where(w => w.Active && w.Teams.Contains(team))
            .OrderBy(w => w.OpenCases).ThenBy(w => w.FirstSeenAt).ThenBy(w => w.UserId)
            .Select(w => w.UserId)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The steps at which a case is closed: Outcomes and every exit.</summary>
    public static readonly CaseStep[] ClosedSteps = [CaseStep.Outcomes, .. Case.Exits];

    /// <summary>The closed steps as the database stores them.</summary>
    private static readonly string[] ClosedStepNames = [.. ClosedSteps.Select(s => s.ToString())];

    private static string? Clip(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}

internal static class LinkWorkerRosterMiddleware
{
    /// <summary>Link workers join their team's roster (and start taking new cases) the first time they call.</summary>
    public static WebApplication UseLinkWorkerRoster(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await context.RequestServices.GetRequiredService<LinkWorkerRoster>().NoteAsync(context.User, context.RequestServices, context.RequestAborted);
            await next(context);
        });
        return app;
    }
}
