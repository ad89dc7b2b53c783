using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
            .WithSummary("A page of the caller's team's cases (all cases for managers), urgent first then newest, filtered by assignee, step and urgency");
        api.MapGet("/{id:guid}", GetCase)
            .WithName("GetCase")
            .WithSummary("One case");
        api.MapGet("/by-reference/{reference}", GetCaseByReference)
            .WithName("GetCaseByReference")
            .WithSummary("The case opened from a referral, by the referral's reference");
        api.MapGet("/{id:guid}/audit", GetAuditTrail)
            .WithName("GetCaseAuditTrail")
            .WithSummary("Who read or changed this case, when and how (managers and admins)")
            .RequireAuthorization(AccessPolicies.AuditReader);
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

        return TypedResults.Ok(await services.FindCasesAsync(new CaseFilter(step, query.Urgent, query.AssignedTo, page, pageSize), cancellationToken));
    }

    public static async Task<Results<Ok<CaseView>, NotFound>> GetCase(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var found = await services.Db.Cases.AsNoTracking().VisibleTo(services.Http.User).Where(c => c.Id == id).Select(CaseView.Projection)
            .SingleOrDefaultAsync(cancellationToken);
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
        var found = await services.Db.Cases.AsNoTracking().VisibleTo(services.Http.User).Where(c => c.Reference == normalised || c.AlsoReferred.Any(r => r.Reference == normalised)).Select(CaseView.Projection)
            .SingleOrDefaultAsync(cancellationToken);
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
    public async Task<CasePage> FindCasesAsync(CaseFilter filter, CancellationToken cancellationToken)
    {
        var cases = Db.Cases.AsNoTracking().VisibleTo(Http.User);
        if (filter.Step is { } step)
        {
            cases = cases.Where(c => c.Step == step);
        }

        if (filter.Urgent is { } urgent)
        {
            cases = cases.Where(c => c.Urgent == urgent);
        }

        if (!string.IsNullOrEmpty(filter.AssignedTo))
        {
            cases = cases.Where(c => c.AssignedTo == filter.AssignedTo);
        }

        var total = await cases.CountAsync(cancellationToken);
        var items = await cases
            .OrderByDescending(c => c.Urgent).ThenByDescending(c => c.OpenedAt)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(CaseView.Projection)
            .ToListAsync(cancellationToken);
        await AuditReadAsync(items.Select(c => c.Id), cancellationToken);
        return new CasePage(items, filter.Page, filter.PageSize, total, (total + filter.PageSize - 1) / filter.PageSize);
    }

    /// <summary>Every read of a case is recorded in the case database before it is returned.</summary>
    public async Task AuditReadAsync(IEnumerable<Guid> caseIds, CancellationToken cancellationToken)
    {
        Db.Audit(Http, "read", AuditResource, caseIds, Time);
        await Db.SaveChangesAsync(cancellationToken);
    }
}

public sealed record AuditView(DateTimeOffset At, string Actor, string ActorRoles, string Action, string Route);

public sealed record CaseFilter(CaseStep? Step, bool? Urgent, string? AssignedTo, int Page, int PageSize);

public sealed record CaseListQuery(string? AssignedTo, string? Step, bool? Urgent, bool? Overdue, int? Page, int? PageSize);

public sealed record CasePage(IReadOnlyList<CaseView> Items, int Page, int PageSize, int TotalItems, int TotalPages);

public sealed record CaseView(
    Guid Id, Guid ReferralId, string Reference, string Step, bool Urgent, string Team, string? AssignedTo,
    string Channel, string Source, IReadOnlyList<string> Needs, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<LinkedReferral> AlsoReferred, DateTimeOffset? FlaggedUrgentAt, IReadOnlyList<StepChangeView> History,
    IReadOnlyList<PrescriptionView> Prescriptions, IReadOnlyList<CaseTaskView> Tasks, IReadOnlyList<ScoreTaken> Scores)
{
    internal static readonly System.Linq.Expressions.Expression<Func<Case, CaseView>> Projection = c =>
        new CaseView(c.Id, c.ReferralId, c.Reference, c.Step.ToString(), c.Urgent, c.Team, c.AssignedTo, c.Channel, c.Source, c.Needs, c.OpenedAt, c.UpdatedAt, c.AlsoReferred, c.FlaggedUrgentAt,
            c.History.OrderBy(h => h.At).Select(h => new StepChangeView(h.From.ToString(), h.To.ToString(), h.By, h.Reason, h.At)).ToList(),
            c.Prescriptions.OrderBy(p => p.RequestedAt)
                .Select(p => new PrescriptionView(p.Id, p.ServiceId, p.ServiceName, p.Status, p.Reason, p.RequestedBy, p.RequestedAt, p.UpdatedAt)).ToList(),
            c.Tasks.OrderBy(t => t.DueBy)
                .Select(t => new CaseTaskView(t.Id, t.Kind, t.Description, t.ServiceId, t.CreatedAt, t.DueBy, t.DoneAt)).ToList(),
            c.Scores.OrderBy(w => w.CompletedOn).ToList());
}

/// <summary>Something for the link worker to do on the case.</summary>
public sealed record CaseTaskView(Guid Id, string Kind, string Description, Guid? ServiceId, DateTimeOffset CreatedAt, DateTimeOffset DueBy, DateTimeOffset? DoneAt);

/// <summary>A community service the person was referred to, and the provider's answer so far.</summary>
public sealed record PrescriptionView(
    Guid Id, Guid ServiceId, string? ServiceName, string Status, string? Reason, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt);

/// <summary>One move of the case: who made it, when and why.</summary>
public sealed record StepChangeView(string From, string To, string By, string? Reason, DateTimeOffset At);
