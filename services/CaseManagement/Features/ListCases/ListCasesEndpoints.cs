using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features.ListCases;

/// <summary>The caseload: a page of the cases the caller may see, and the counts of open cases.</summary>
public static class ListCasesEndpoints
{
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapListCases(this RouteGroupBuilder api)
    {
        api.MapGet("/", ListCases)
            .WithName("ListCases")
            .WithSummary("A page of the caller's team's cases (all cases for managers), urgent first then newest, filtered by assignee, step and urgency")
            .ReturnsRecords(RecordScope.CaseTeam);
        api.MapGet("/counts", CountCases)
            .WithName("CountCases")
            .WithSummary("Counts of open cases (all, same-day, overdue, unassigned, per step), for assignedTo=me|{userId} or the whole scope")
            .ReturnsRecords(RecordScope.None);
        return api;
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

        return TypedResults.Ok(await services.FindCasesAsync(new CaseFilter(step, query.Urgent, query.AssignedTo?.Trim(), page, pageSize, query.Overdue, query.Open) { GpNotSent = query.GpNotSent == true }, cancellationToken));
    }

    public static async Task<Ok<CaseCounts>> CountCases(string? assignedTo, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(await services.CountOpenCasesAsync(assignedTo?.Trim(), cancellationToken));
}
