using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.CaseManagement.Features.MoveCase;

/// <summary><c>POST /api/cases/{id}/steps</c>: the case moves on along the journey, or to an exit.</summary>
public static class MoveCaseEndpoint
{
    public static RouteGroupBuilder MapMoveCase(this RouteGroupBuilder api)
    {
        api.MapPost("/steps", MoveCase)
            .WithName("MoveCase")
            .WithSummary("Move the case to the next step of the journey, or to an exit (with a reason)")
            .WithDescription("Body: { \"to\": \"AssessmentArranged\", \"reason\": \"…\" }. An illegal move answers 409 naming the allowed next steps.")
            .Accepts<StepMove>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> MoveCase(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        CaseStep? to = null;
        string? reason = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(services.Http.Request, (body, errors) =>
        {
            to = body is null ? null : ReadStep(body.String("to"), errors);
            reason = CaseRequests.Trimmed(body?.String("reason"), "reason", CaseRequests.MaxReasonLength, errors);
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!errors.IsEmpty || to is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The move has mistakes");
        }

        var result = await MoveCaseHandler.MoveAsync(services, id, to.Value, reason, cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
    }

    /// <summary>The step named by <c>to</c> (read as text by <see cref="JsonObjectReader"/>), or null with an error.</summary>
    private static CaseStep? ReadStep(string? text, ValidationErrors errors)
    {
        if (errors.Has("to"))
        {
            return null;
        }

        var names = string.Join(", ", Case.Journey.Concat(Case.Exits));
        if (text is null)
        {
            errors.Add("to", $"Say which step the case moves to: one of {names}.");
            return null;
        }

        if (int.TryParse(text, out _) || !Enum.TryParse<CaseStep>(text, ignoreCase: true, out var step))
        {
            errors.Add("to", $"'to' must be one of {names}.");
            return null;
        }

        return step;
    }
}

/// <summary>A request to move a case: the step to move to, and why (required for an exit).</summary>
public sealed record StepMove(string To, string? Reason);
