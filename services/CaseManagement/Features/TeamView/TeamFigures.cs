using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features.TeamView;

/// <summary>
/// How a link worker (or a whole team: <see cref="IsTeam"/>) is doing today: open, same-day and overdue cases, open cases
/// by step, days from referral to first contact (median and 90th percentile, cases opened in the last
/// <see cref="TeamFigures.LookBackDays"/> days), meetings this week, and the share of meetings not attended (same window).
/// </summary>
public sealed record WorkerFigures(
    string Key, string Name, bool IsTeam, int OpenCases, int SameDay, int Overdue, IReadOnlyDictionary<CaseStep, int> ByStep,
    double? MedianDaysToFirstContact, double? Percentile90DaysToFirstContact, int MeetingsThisWeek, int Attended, int DidNotAttend)
{
    /// <summary>Did-not-attend as a share of meetings that happened or were missed; null before any.</summary>
    public double? DidNotAttendRate => Attended + DidNotAttend == 0 ? null : (double)DidNotAttend / (Attended + DidNotAttend);
}

public static class TeamFigures
{
    public const int LookBackDays = 90;

    /// <summary>The journey's open steps, in order (the columns of "cases by step").</summary>
    public static readonly IReadOnlyList<CaseStep> OpenSteps = [.. Enum.GetValues<CaseStep>().Where(s => !LinkWorkerRoster.ClosedSteps.Contains(s))];

    /// <summary>One row per link worker, then one per team, for the cases <paramref name="visible"/> holds.</summary>
    public static async Task<List<WorkerFigures>> ForAsync(
        CaseDbContext db, IQueryable<Case> visible, DateTimeOffset now, DateTimeOffset weekStarts, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-LookBackDays);
        var cases = await visible.AsNoTracking()
            .Where(c => !LinkWorkerRoster.ClosedSteps.Contains(c.Step) || c.OpenedAt >= since)
            .Select(c => new CaseRow(
                c.AssignedTo, c.Team, c.Step, c.Urgent, c.OpenedAt, c.FirstContactAt,
                !LinkWorkerRoster.ClosedSteps.Contains(c.Step)
                && ((c.FirstContactAt == null && c.FirstContactDueBy < now) || c.Tasks.Any(t => t.DoneAt == null && t.DueBy < now)),
                c.Appointments.Count(a => a.StartsAt >= weekStarts && a.StartsAt < weekStarts.AddDays(7) && a.Status != Appointment.Cancelled),
                c.Appointments.Count(a => a.StartsAt >= since && a.StartsAt < now && a.Status == Appointment.Attended),
                c.Appointments.Count(a => a.StartsAt >= since && a.StartsAt < now && a.Status == Appointment.DidNotAttend)))
            .ToListAsync(cancellationToken);
        var names = await db.LinkWorkers.AsNoTracking().ToDictionaryAsync(w => w.UserId, w => w.DisplayName ?? w.UserName ?? w.UserId, cancellationToken);
        var workers = cases.Where(c => c.AssignedTo is not null).GroupBy(c => c.AssignedTo!)
            .Select(g => Figures(g.Key, names.GetValueOrDefault(g.Key, g.Key), isTeam: false, [.. g], since))
            .OrderBy(w => w.Name, StringComparer.CurrentCulture);
        var teams = cases.GroupBy(c => c.Team ?? "no team")
            .Select(g => Figures(g.Key, "Team " + g.Key, isTeam: true, [.. g], since))
            .OrderBy(t => t.Key, StringComparer.Ordinal);
        return [.. workers, .. teams];
    }

    /// <summary>The same figures as CSV (UTF-8, a header row), for a spreadsheet.</summary>
    public static string Csv(IEnumerable<WorkerFigures> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        csv.Append("who,kind,open_cases,same_day,overdue,")
            .Append(string.Join(',', OpenSteps.Select(s => "step_" + s.ToString().ToLowerInvariant())))
            .Append(",median_days_to_first_contact,p90_days_to_first_contact,meetings_this_week,attended,did_not_attend,did_not_attend_rate\r\n");
        foreach (var row in rows)
        {
            csv.Append(Cell(row.Name)).Append(',').Append(row.IsTeam ? "team" : "link worker").Append(',')
                .Append(row.OpenCases).Append(',').Append(row.SameDay).Append(',').Append(row.Overdue).Append(',')
                .Append(string.Join(',', OpenSteps.Select(s => row.ByStep.GetValueOrDefault(s))))
                .Append(',').Append(Number(row.MedianDaysToFirstContact)).Append(',').Append(Number(row.Percentile90DaysToFirstContact))
                .Append(',').Append(row.MeetingsThisWeek).Append(',').Append(row.Attended).Append(',').Append(row.DidNotAttend)
                .Append(',').Append(Number(row.DidNotAttendRate)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>The nearest-rank percentile of sorted values (null when there are none).</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static WorkerFigures Figures(string key, string name, bool isTeam, IReadOnlyList<CaseRow> rows, DateTimeOffset since)
    {
        var open = rows.Where(r => !LinkWorkerRoster.ClosedSteps.Contains(r.Step)).ToList();
        var days = rows.Where(r => r.OpenedAt >= since && r.FirstContactAt is not null)
            .Select(r => Math.Round((r.FirstContactAt!.Value - r.OpenedAt).TotalDays, 1)).Order().ToList();
        return new WorkerFigures(key, name, isTeam, open.Count, open.Count(r => r.Urgent), open.Count(r => r.Overdue),
            OpenSteps.ToDictionary(s => s, s => open.Count(r => r.Step == s)),
            Percentile(days, 50), Percentile(days, 90), rows.Sum(r => r.MeetingsThisWeek), rows.Sum(r => r.Attended), rows.Sum(r => r.DidNotAttend));
    }

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A text cell, quoted when needed and never read as a formula by a spreadsheet.</summary>
    private static string Cell(string text)
    {
        var safe = text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private sealed record CaseRow(
        string? AssignedTo, string? Team, CaseStep Step, bool Urgent, DateTimeOffset OpenedAt, DateTimeOffset? FirstContactAt, bool Overdue,
        int MeetingsThisWeek, int Attended, int DidNotAttend);
}
