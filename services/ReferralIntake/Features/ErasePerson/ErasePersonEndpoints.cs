using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Features.ErasePerson;

public static class ErasePersonEndpoints
{
    public static RouteGroupBuilder MapErasePerson(this RouteGroupBuilder people)
    {
        people.MapPost("/{id:guid}/erasure-requests", Start)
            .WithName("ErasePerson")
            .WithSummary("Erase a person where the law allows (Privacy:Erasure): every service erases its copy, failed messages and outbox rows included, and confirms (managers; a reason is required; audited)")
            .RequireAuthorization(AccessPolicies.PersonManager)
            .ReturnsRecords(RecordScope.None)
            .Produces<ErasureView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        people.MapGet("/{id:guid}/erasure-requests/{requestId:guid}", Get)
            .WithName("GetErasure")
            .WithSummary("An erasure: pending or done, and each service's confirmation (managers)")
            .RequireAuthorization(AccessPolicies.PersonManager)
            .ReturnsRecords(RecordScope.None)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return people;
    }

    public static async Task<IResult> Start(Guid id, HttpContext http, ErasePersonHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        string? reason = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(http.Request, (body, _) =>
        {
            if (body is null)
            {
                return;
            }

            reason = body.String("reason")?.Trim();
            if (string.IsNullOrEmpty(reason))
            {
                body.Require("reason", "Say why the person is being erased (their request, and the date).");
            }
            else if (reason.Length > ReferralRules.MaxReasonLength)
            {
                body.Refuse("reason", $"Reason must be {ReferralRules.MaxReasonLength} characters or fewer.");
            }

            body.RejectUnknownFields();
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!errors.IsEmpty || reason is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Say why");
        }

        var (outcome, erasure) = await handler.StartAsync(id, reason, http, cancellationToken);
        return outcome switch
        {
            ErasureOutcome.Started => TypedResults.Accepted($"/api/people/{id}/erasure-requests/{erasure!.Id}", erasure),
            ErasureOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such person"),
            ErasureOutcome.Running => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already being erased",
                detail: "An erasure of this person is running: wait for every service to confirm it."),
            ErasureOutcome.Merged => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Merged record",
                detail: "This record was merged into another: erase that one (it erases this one too)."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The law does not allow erasure here",
                detail: "Under the lawful basis this service processes data on (Privacy:LawfulBasis), erasure is set to restrict-only (Privacy:Erasure): restrict the person's record instead."),
        };
    }

    public static async Task<Results<Ok<ErasureView>, ProblemHttpResult>> Get(Guid id, Guid requestId, ErasePersonHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return await handler.ReadAsync(id, requestId, cancellationToken) is { } erasure
            ? TypedResults.Ok(erasure)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such erasure");
    }
}
