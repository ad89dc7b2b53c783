using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Validation;

namespace SocialPrescribing.CaseManagement.Features.AssignCase;

/// <summary>Who holds a case: a manager gives it to a link worker of its team, or a link worker takes an unassigned one.</summary>
public static class AssignCaseEndpoints
{
    public static RouteGroupBuilder MapAssignCase(this RouteGroupBuilder api)
    {
        api.MapPost("/assign", AssignCase)
            .WithName("AssignCase")
            .WithSummary("Give the case to a link worker (managers and admins)")
            .Accepts<Assignment>("application/json")
            .RequireAuthorization(AccessPolicies.CaseAssigner)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        api.MapPost("/take", TakeCase)
            .WithName("TakeCase")
            .WithSummary("Take an unassigned case of your team (link workers), e.g. from the same-day queue")
            .RequireAuthorization(AccessPolicies.CaseTaker)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> AssignCase(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        string? assignee = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(services.Http.Request, (body, errors) =>
            assignee = CaseRequests.Trimmed(body?.String("assignedTo"), "assignedTo", CaseRequests.MaxUserIdLength, errors), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrEmpty(assignee) && !errors.Has("assignedTo"))
        {
            errors.Add("assignedTo", "Say who the case is for: the link worker's user id.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The assignment has mistakes");
        }

        var result = await AssignCaseHandler.AssignAsync(services, id, assignee!, cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
    }

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> TakeCase(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var result = await AssignCaseHandler.TakeAsync(services, id, cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
    }
}

public sealed record Assignment(string AssignedTo);
