using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.CaseManagement.Features.ListCases;

/// <summary>Listing and counting the cases the caller may see, for the caseload API and page alike.</summary>
public static class CaseListHandler
{
    /// <summary>A page of the cases the caller may see, urgent first then newest; each listed case is audited as read.</summary>
    public static async Task<CasePage> FindCasesAsync(this CaseServices services, CaseFilter filter, CancellationToken cancellationToken, bool audit = true)
    {
        var now = services.Time.GetUtcNow();
        var cases = Filtered(services, filter, now);
        var total = await cases.CountAsync(cancellationToken);
        var items = await cases
            .OrderByDescending(c => c.Urgent).ThenByDescending(c => c.OpenedAt)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(CaseListItem.ProjectionAt(now))
            .ToListAsync(cancellationToken);
        if (audit)
        {
            await services.AuditReadAsync(items.Select(c => c.Id), cancellationToken);
        }

        return new CasePage(items, filter.Page, filter.PageSize, total, (total + filter.PageSize - 1) / filter.PageSize);
    }

    /// <summary>How many open cases the filter's holder has: in all, same-day, overdue, not yet held by anyone, and at each step.</summary>
    public static async Task<CaseCounts> CountOpenCasesAsync(this CaseServices services, string? assignedTo, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        var open = Filtered(services, new CaseFilter(null, null, assignedTo, 1, 1, Open: true), now);
        var byStep = await open.GroupBy(c => c.Step).Select(g => new { Step = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var urgent = await open.CountAsync(c => c.Urgent, cancellationToken);
        var overdue = await open.Where(Overdue(now)).CountAsync(cancellationToken);
        var unassigned = await services.Db.Cases.AsNoTracking().VisibleTo(services.Http.User)
            .CountAsync(c => c.AssignedTo == null && !LinkWorkerRoster.ClosedSteps.Contains(c.Step), cancellationToken);
        return new CaseCounts(byStep.Sum(s => s.Count), urgent, overdue, unassigned,
            Case.Journey.Where(s => s != CaseStep.Outcomes).ToDictionary(s => s.ToString(), s => byStep.SingleOrDefault(x => x.Step == s)?.Count ?? 0));
    }

    private static IQueryable<Case> Filtered(CaseServices services, CaseFilter filter, DateTimeOffset now)
    {
        var cases = services.Db.Cases.AsNoTracking().VisibleTo(services.Http.User);
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

        if (filter.SameDayQueue)
        {
            // The same-day queue: urgent cases whose person is not reached yet, and those with a risk recorded at a contact
            // whose same-day review is not done.
            cases = cases.Where(c => c.FirstContactAt == null || c.Tasks.Any(t => t.Kind == CaseTask.RiskReview && t.DoneAt == null));
        }

        if (filter.GpNotSent)
        {
            cases = cases.Where(c => c.GpDeliveryStatus == Contracts.GpDeliveryStatus.Failed || c.GpDeliveryStatus == Contracts.GpDeliveryStatus.NotSent);
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
                var me = services.Http.Actor();
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
}
