using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;
using SocialPrescribing.CaseManagement.Extensions;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Messaging.Audit;

namespace SocialPrescribing.CaseManagement.Apis;

public static class CasesApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(AccessPolicies.CaseReader);

        api.MapGet("/", ListCases)
            .WithName("ListCases")
            .WithSummary("A page of the caller's team's cases (all cases for managers), urgent first then newest, filtered by assignee, step and urgency")
            .ReturnsRecords(RecordScope.CaseTeam);
        api.MapGet("/counts", CountCases)
            .WithName("CountCases")
            .WithSummary("Counts of open cases (all, same-day, overdue, unassigned, per step), for assignedTo=me|{userId} or the whole scope")
            .ReturnsRecords(RecordScope.None);
        api.MapGet("/{id:guid}", GetCase)
            .WithName("GetCase")
            .WithSummary("One case")
            .ReturnsRecords(RecordScope.CaseTeam);
        api.MapGet("/by-reference/{reference}", GetCaseByReference)
            .WithName("GetCaseByReference")
            .WithSummary("The case opened from a referral, by the referral's reference")
            .ReturnsRecords(RecordScope.CaseTeam);
        api.MapGet("/{id:guid}/audit", GetAuditTrail)
            .WithName("GetCaseAuditTrail")
            .WithSummary("Who read or changed this case, when and how (managers)")
            .RequireAuthorization(AccessPolicies.AuditReader)
            .ReturnsRecords(RecordScope.CaseTeam);
        return app;
    }

    public static async Task<Results<Ok<CasePage>, ValidationProblem>> ListCases(
        [AsParameters] CaseListQuery query,
        [AsParameters] CaseServices services,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 25;
        if (page < 1)
        {
            errors["page"] = ["Page must be 1 or more."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Page size must be between 1 and {MaxPageSize}."];
        }

        CaseStep? step = null;
        if (!string.IsNullOrEmpty(query.Step))
        {
            if (Enum.TryParse<CaseStep>(query.Step, ignoreCase: true, out var parsed) && !int.TryParse(query.Step, out _))
            {
                step = parsed;
            }
            else
            {
                errors["step"] = [$"Step must be one of {string.Join(", ", Enum.GetNames<CaseStep>())}."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await services.FindCasesAsync(new CaseFilter(step, query.Urgent, query.AssignedTo?.Trim(), page, pageSize, query.Overdue, query.Open), cancellationToken));
    }

    public static async Task<Ok<CaseCounts>> CountCases(string? assignedTo, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(await services.CountOpenCasesAsync(assignedTo?.Trim(), cancellationToken));

    public static async Task<Results<Ok<CaseView>, NotFound>> GetCase(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var found = await CaseView.FindAsync(services.Db.Cases.VisibleTo(services.Http.User).Where(c => c.Id == id), services.Time.GetUtcNow(), cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        await services.AuditReadAsync([found.Id], cancellationToken);
        return TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<CaseView>, NotFound>> GetCaseByReference(
        string reference, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var normalised = reference.Trim().ToUpperInvariant();
        var found = await CaseView.FindAsync(services.Db.Cases.VisibleTo(services.Http.User).Where(c => c.Reference == normalised || c.AlsoReferred.Any(r => r.Reference == normalised)),
            services.Time.GetUtcNow(), cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        await services.AuditReadAsync([found.Id], cancellationToken);
        return TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<List<AuditView>>, NotFound>> GetAuditTrail(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        if (!await services.Db.Cases.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = await services.Db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.ResourceType == CaseServices.AuditResource && a.ResourceId == id)
            .OrderByDescending(a => a.Id)
            .Select(a => new AuditView(a.At, a.Actor, a.ActorRoles, a.Action, a.Route))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }
}

public sealed record CaseServices(CaseDbContext Db, HttpContext Http, TimeProvider Time)
{
    public const string AuditResource = "case";

    /// <summary>A page of the cases the caller may see, urgent first then newest; each listed case is audited as read.</summary>
    public async Task<CasePage> FindCasesAsync(CaseFilter filter, CancellationToken cancellationToken, bool audit = true)
    {
        var now = Time.GetUtcNow();
        var cases = Filtered(filter, now);
        var total = await cases.CountAsync(cancellationToken);
        var items = await cases
            .OrderByDescending(c => c.Urgent).ThenByDescending(c => c.OpenedAt)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(CaseListItem.ProjectionAt(now))
            .ToListAsync(cancellationToken);
        if (audit)
        {
            await AuditReadAsync(items.Select(c => c.Id), cancellationToken);
        }

        return new CasePage(items, filter.Page, filter.PageSize, total, (total + filter.PageSize - 1) / filter.PageSize);
    }

    /// <summary>How many open cases the filter's holder has: in all, same-day, overdue, not yet held by anyone, and at each step.</summary>
    public async Task<CaseCounts> CountOpenCasesAsync(string? assignedTo, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var open = Filtered(new CaseFilter(null, null, assignedTo, 1, 1, Open: true), now);
        var byStep = await open.GroupBy(c => c.Step).Select(g => new { Step = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var urgent = await open.CountAsync(c => c.Urgent, cancellationToken);
        var overdue = await open.Where(Overdue(now)).CountAsync(cancellationToken);
        var unassigned = await Db.Cases.AsNoTracking().VisibleTo(Http.User)
            .CountAsync(c => c.AssignedTo == null && !LinkWorkerRoster.ClosedSteps.Contains(c.Step), cancellationToken);
        return new CaseCounts(byStep.Sum(s => s.Count), urgent, overdue, unassigned,
            Case.Journey.Where(s => s != CaseStep.Outcomes).ToDictionary(s => s.ToString(), s => byStep.SingleOrDefault(x => x.Step == s)?.Count ?? 0));
    }

    private IQueryable<Case> Filtered(CaseFilter filter, DateTimeOffset now)
    {
        var cases = Db.Cases.AsNoTracking().VisibleTo(Http.User);
        if (filter.Step is { } step)
        {
            cases = cases.Where(c => c.Step == step);
        }

        if (filter.Urgent is { } urgent)
        {
            // Constants, not parameters: the planner then matches the partial index of cases not reached yet.
            cases = urgent ? cases.Where(c => c.Urgent) : cases.Where(c => !c.Urgent);
        }

        if (filter.Open is { } open)
        {
            cases = open ? cases.Where(c => !LinkWorkerRoster.ClosedSteps.Contains(c.Step)) : cases.Where(c => LinkWorkerRoster.ClosedSteps.Contains(c.Step));
        }

        if (filter.NotReachedYet)
        {
            cases = cases.Where(c => c.FirstContactAt == null);
        }

        if (filter.Overdue is { } overdue)
        {
            cases = overdue ? cases.Where(Overdue(now)) : cases.Where(Negate(Overdue(now)));
        }

        switch (filter.AssignedTo)
        {
            case null or "":
                break;
            case CaseFilter.Nobody:
                cases = cases.Where(c => c.AssignedTo == null);
                break;
            case CaseFilter.Me:
                var me = Http.Actor();
                cases = cases.Where(c => c.AssignedTo == me);
                break;
            default:
                cases = cases.Where(c => c.AssignedTo == filter.AssignedTo);
                break;
        }

        return cases;
    }

    /// <summary>Open, and the person not reached by the first-contact target or a task past due.</summary>
    private static System.Linq.Expressions.Expression<Func<Case, bool>> Overdue(DateTimeOffset now) => c =>
        !LinkWorkerRoster.ClosedSteps.Contains(c.Step)
        && ((c.FirstContactAt == null && c.FirstContactDueBy < now) || c.Tasks.Any(t => t.DoneAt == null && t.DueBy < now));

    private static System.Linq.Expressions.Expression<Func<Case, bool>> Negate(System.Linq.Expressions.Expression<Func<Case, bool>> predicate) =>
        System.Linq.Expressions.Expression.Lambda<Func<Case, bool>>(System.Linq.Expressions.Expression.Not(predicate.Body), predicate.Parameters);

    /// <summary>The whole case, if the caller may see it (not tracked: for reading).</summary>
    public Task<Case?> LoadVisibleAsync(Guid id, CancellationToken cancellationToken) =>
        Db.Cases.AsNoTracking().AsSplitQuery().VisibleTo(Http.User).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Every read of a case is recorded in the case database before it is returned.</summary>
    public async Task AuditReadAsync(IEnumerable<Guid> caseIds, CancellationToken cancellationToken)
    {
        Db.Audit(Http, "read", AuditResource, caseIds, Time);
        await Db.SaveChangesAsync(cancellationToken);
    }
}

public sealed record AuditView(DateTimeOffset At, string Actor, string ActorRoles, string Action, string Route);

/// <summary>Which cases to list. <see cref="AssignedTo"/>: a user id, <see cref="Me"/> or <see cref="Nobody"/> (the team's unassigned cases).</summary>
public sealed record CaseFilter(CaseStep? Step, bool? Urgent, string? AssignedTo, int Page, int PageSize, bool? Overdue = null, bool? Open = null)
{
    /// <summary>Only cases whose person has not been reached yet (the same-day queue).</summary>
    public bool NotReachedYet { get; init; }

    public const string Me = "me";
    public const string Nobody = "nobody";
}

public sealed record CaseListQuery(string? AssignedTo, string? Step, bool? Urgent, bool? Overdue, bool? Open, int? Page, int? PageSize);

/// <summary>Open cases: in all, same-day (urgent), overdue, unassigned in the caller's teams, and per journey step.</summary>
public sealed record CaseCounts(int Open, int Urgent, int Overdue, int Unassigned, IReadOnlyDictionary<string, int> ByStep);

public sealed record CasePage(IReadOnlyList<CaseListItem> Items, int Page, int PageSize, int TotalItems, int TotalPages);

/// <summary>A case as caseload lists show it.</summary>
public sealed record CaseListItem(
    Guid Id, Guid ReferralId, string Reference, string Step, bool Urgent, string Team, string? AssignedTo,
    string Channel, string Source, IReadOnlyList<string> Needs, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<LinkedReferral> AlsoReferred, DateTimeOffset? FlaggedUrgentAt, DateTimeOffset FirstContactDueBy, DateTimeOffset? FirstContactAt,
    bool Overdue, DateTimeOffset? NextAppointmentAt)
{
    internal static System.Linq.Expressions.Expression<Func<Case, CaseListItem>> ProjectionAt(DateTimeOffset now) => c =>
        new CaseListItem(c.Id, c.ReferralId, c.Reference, c.Step.ToString(), c.Urgent, c.Team, c.AssignedTo, c.Channel, c.Source, c.Needs, c.OpenedAt, c.UpdatedAt,
            c.AlsoReferred, c.FlaggedUrgentAt, c.FirstContactDueBy, c.FirstContactAt,
            !LinkWorkerRoster.ClosedSteps.Contains(c.Step)
            && ((c.FirstContactAt == null && c.FirstContactDueBy < now) || c.Tasks.Any(t => t.DoneAt == null && t.DueBy < now)),
            c.Appointments.Where(a => a.Status == Appointment.Booked && a.StartsAt > now).Min(a => (DateTimeOffset?)a.StartsAt));
}

/// <summary>One case in full: the journey, what was done, what is due and what is missing for the next step.</summary>
public sealed record CaseView(
    Guid Id, Guid ReferralId, string Reference, string Step, bool Urgent, string Team, string? AssignedTo,
    string Channel, string Source, IReadOnlyList<string> Needs, string ShareWithGp, string? Area, string? WhatMatters,
    DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, IReadOnlyList<LinkedReferral> AlsoReferred, DateTimeOffset? FlaggedUrgentAt,
    DateTimeOffset FirstContactDueBy, DateTimeOffset? FirstContactAt, bool Overdue, bool Closed,
    IReadOnlyList<NextStepView> NextSteps, int FailedAttemptsInARow, string? SuggestedExit,
    IReadOnlyList<StepChangeView> History, IReadOnlyList<PrescriptionView> Prescriptions, IReadOnlyList<CaseTaskView> Tasks,
    IReadOnlyList<ScoreTaken> Scores, IReadOnlyList<AppointmentView> Appointments, IReadOnlyList<ContactView> Contacts, IReadOnlyList<NoteView> Notes)
{
    public static CaseView Of(Case c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CaseView(c.Id, c.ReferralId, c.Reference, c.Step.ToString(), c.Urgent, c.Team, c.AssignedTo, c.Channel, c.Source, c.Needs, c.ShareWithGp,
            c.Area, c.WhatMatters, c.OpenedAt, c.UpdatedAt, c.AlsoReferred, c.FlaggedUrgentAt, c.FirstContactDueBy, c.FirstContactAt, c.IsOverdue(now), c.IsClosed,
            [.. c.AllowedNextSteps.Select(s => new NextStepView(s.ToString(), Case.Exits.Contains(s), Case.Exits.Contains(s) ? null : c.MissingEvidenceFor(s, null)))],
            c.FailedAttemptsInARow, c.SuggestUnableToContact ? nameof(CaseStep.UnableToContact) : null,
            [.. c.History.OrderBy(h => h.At).Select(h => new StepChangeView(h.From.ToString(), h.To.ToString(), h.By, h.Reason, h.At))],
            [.. c.Prescriptions.OrderBy(p => p.RequestedAt).Select(p => new PrescriptionView(p.Id, p.ServiceId, p.ServiceName, p.Status, p.Reason, p.RequestedBy, p.RequestedAt, p.UpdatedAt))],
            [.. c.Tasks.OrderBy(t => t.DoneAt is not null).ThenBy(t => t.DueBy)
                .Select(t => new CaseTaskView(t.Id, t.Kind, t.Description, t.ServiceId, t.CreatedAt, t.CreatedBy, t.DueBy, t.DoneAt, t.DoneBy, t.IsOverdue(now)))],
            [.. c.Scores.OrderBy(w => w.CompletedOn)],
            [.. c.Appointments.OrderBy(a => a.StartsAt)
                .Select(a => new AppointmentView(a.Id, a.StartsAt, a.DurationMinutes, a.EndsAt, a.Mode, a.Place, a.Status, a.CancelReason, a.BookedBy, a.BookedAt, a.ChangedBy, a.ChangedAt))],
            [.. c.Contacts.OrderBy(x => x.At).Select(x => new ContactView(x.Id, x.At, x.Mode, x.Outcome, x.AppointmentId, x.Note, x.By, x.RecordedAt))],
            [.. c.Notes.OrderBy(n => n.At).Select(n => new NoteView(n.Id, n.Text, n.By, n.At))]);
    }

    /// <summary>The case the caller may see, in full, or null.</summary>
    internal static async Task<CaseView?> FindAsync(IQueryable<Case> cases, DateTimeOffset now, CancellationToken cancellationToken) =>
        await cases.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(cancellationToken) is { } found ? Of(found, now) : null;
}

/// <summary>Where the case may go next; for a journey step, what must be recorded first (null when nothing).</summary>
public sealed record NextStepView(string Step, bool Exit, string? Missing);

/// <summary>Something for the link worker to do on the case.</summary>
public sealed record CaseTaskView(
    Guid Id, string Kind, string Description, Guid? ServiceId, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset DueBy, DateTimeOffset? DoneAt, string? DoneBy, bool Overdue);

/// <summary>A community service the person was referred to, and the provider's answer so far.</summary>
public sealed record PrescriptionView(
    Guid Id, Guid ServiceId, string? ServiceName, string Status, string? Reason, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt);

/// <summary>One move of the case: who made it, when and why.</summary>
public sealed record StepChangeView(string From, string To, string By, string? Reason, DateTimeOffset At);

public sealed record AppointmentView(Guid Id, DateTimeOffset StartsAt, int DurationMinutes, DateTimeOffset EndsAt, string Mode, string? Place, string Status,
    string? CancelReason, string BookedBy, DateTimeOffset BookedAt, string? ChangedBy, DateTimeOffset? ChangedAt);

public sealed record ContactView(Guid Id, DateTimeOffset At, string Mode, string Outcome, Guid? AppointmentId, string? Note, string By, DateTimeOffset RecordedAt);

public sealed record NoteView(Guid Id, string Text, string By, DateTimeOffset At);
