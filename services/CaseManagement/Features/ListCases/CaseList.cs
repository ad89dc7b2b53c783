using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features.ListCases;

/// <summary>Which cases to list. <see cref="AssignedTo"/>: a user id, <see cref="Me"/> or <see cref="Nobody"/> (the team's unassigned cases).</summary>
public sealed record CaseFilter(CaseStep? Step, bool? Urgent, string? AssignedTo, int Page, int PageSize, bool? Overdue = null, bool? Open = null)
{
    /// <summary>Only cases whose person has not been reached yet, or with a same-day risk review not done (the same-day queue).</summary>
    public bool SameDayQueue { get; init; }

    /// <summary>Only closed cases whose GP summary failed or could not be sent (the failed list): someone gives the GP it another way.</summary>
    public bool GpNotSent { get; init; }

    public const string Me = "me";
    public const string Nobody = "nobody";
}

public sealed record CaseListQuery(string? AssignedTo, string? Step, bool? Urgent, bool? Overdue, bool? Open, int? Page, int? PageSize, bool? GpNotSent = null);

/// <summary>Open cases: in all, same-day (urgent), overdue, unassigned in the caller's teams, and per journey step.</summary>
public sealed record CaseCounts(int Open, int Urgent, int Overdue, int Unassigned, IReadOnlyDictionary<string, int> ByStep);

public sealed record CasePage(IReadOnlyList<CaseListItem> Items, int Page, int PageSize, int TotalItems, int TotalPages);

/// <summary>A case as caseload lists show it.</summary>
public sealed record CaseListItem(
    Guid Id, Guid ReferralId, string Reference, string Step, bool Urgent, string Team, string? AssignedTo,
    string Channel, string Source, IReadOnlyList<string> Needs, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<LinkedReferral> AlsoReferred, DateTimeOffset? FlaggedUrgentAt, DateTimeOffset FirstContactDueBy, DateTimeOffset? FirstContactAt,
    bool Overdue, DateTimeOffset? NextAppointmentAt, string Language = Case.English)
{
    internal static System.Linq.Expressions.Expression<Func<Case, CaseListItem>> ProjectionAt(DateTimeOffset now) => c =>
        new CaseListItem(c.Id, c.ReferralId, c.Reference, c.Step.ToString(), c.Urgent, c.Team, c.AssignedTo, c.Channel, c.Source, c.Needs, c.OpenedAt, c.UpdatedAt,
            c.AlsoReferred, c.FlaggedUrgentAt, c.FirstContactDueBy, c.FirstContactAt,
            !LinkWorkerRoster.ClosedSteps.Contains(c.Step)
            && ((c.FirstContactAt == null && c.FirstContactDueBy < now) || c.Tasks.Any(t => t.DoneAt == null && t.DueBy < now)),
            c.Appointments.Where(a => a.Status == Appointment.Booked && a.StartsAt > now).Min(a => (DateTimeOffset?)a.StartsAt),
            c.Language);
}
