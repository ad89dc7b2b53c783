using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features;

/// <summary>A safeguarding concern as the lead, the case's team and managers read it.</summary>
public sealed record ConcernView(
    Guid Id, Guid CaseId, string CaseReference, string Team, string Subject, string Category, string CategoryName, string Description,
    bool PersonAware, bool Consent, bool ImmediateDanger, bool Urgent, string RaisedBy, DateTimeOffset RaisedAt, DateTimeOffset DueBy,
    bool Open, bool Overdue, string? Decision, string? DecisionName, string? Reference, string? Reason, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static ConcernView Of(SafeguardingConcern c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ConcernView(c.Id, c.CaseId, c.CaseReference, c.Team, c.Subject, c.Category, c.CategoryName, c.Description,
            c.PersonAware, c.Consent, c.ImmediateDanger, c.Urgent, c.RaisedBy, c.RaisedAt, c.DueBy,
            c.IsOpen, c.IsOverdue(now), c.Decision, c.DecisionName, c.DecisionReference, c.DecisionReason, c.DecidedBy, c.DecidedAt);
    }

    /// <summary>A case's concerns, open first then newest (for whoever may see the case: its team and managers).</summary>
    public static async Task<IReadOnlyList<ConcernView>> OfCaseAsync(CaseDbContext db, Guid caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var concerns = await db.Concerns.AsNoTracking().Where(c => c.CaseId == caseId)
            .OrderBy(c => c.Decision != null).ThenByDescending(c => c.RaisedAt).ToListAsync(cancellationToken);
        return [.. concerns.Select(c => Of(c, now))];
    }

    /// <summary>The queue's order: open before closed, urgent first, then the soonest due; closed ones newest decision first.</summary>
    public static IQueryable<SafeguardingConcern> InQueueOrder(IQueryable<SafeguardingConcern> concerns) =>
        concerns.OrderBy(c => c.Decision != null).ThenByDescending(c => c.ImmediateDanger).ThenBy(c => c.DueBy).ThenByDescending(c => c.DecidedAt);
}
