using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;
using SocialPrescribing.Validation;
using SocialPrescribing.ReferralIntake.Features.ReadPerson;

namespace SocialPrescribing.ReferralIntake.Features.MergePeople;

/// <summary>The body of a merge: the other record of the person, to merge into this one.</summary>
public sealed record MergeRequest(Guid? PersonId);

public static class MergePeopleEndpoint
{
    public static RouteGroupBuilder MapMergePeople(this RouteGroupBuilder people)
    {
        people.MapPost("/{id:guid}/merges", Merge)
            .WithName("MergePeople")
            .WithSummary("Merge another record of the same person (personId) into this one: its referrals move here (managers; audited; can be undone)")
            .RequireAuthorization(AccessPolicies.PersonManager)
            .ReturnsRecords(RecordScope.None)
            .Accepts<MergeRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        people.MapPost("/{id:guid}/merges/{mergeId:guid}/undo", Undo)
            .WithName("UndoPeopleMerge")
            .WithSummary("Undo a merge: each referral and record goes back where it was (managers; audited)")
            .RequireAuthorization(AccessPolicies.PersonManager)
            .ReturnsRecords(RecordScope.None)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return people;
    }

    public static async Task<IResult> Merge(Guid id, HttpContext http, MergePeopleHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        Guid? other = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(http.Request, (body, _) =>
        {
            if (body is not null)
            {
                other = body.Guid("personId");
                if (other is null)
                {
                    body.Require("personId", "Give the id of the other record of this person (personId).");
                }

                body.RejectUnknownFields();
            }
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!errors.IsEmpty || other is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Say which record to merge");
        }

        return Answer(await handler.MergeAsync(id, other.Value, http, cancellationToken), created: true);
    }

    public static async Task<IResult> Undo(Guid id, Guid mergeId, HttpContext http, MergePeopleHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Answer(await handler.UndoAsync(id, mergeId, http, cancellationToken), created: false);
    }

    private static IResult Answer(MergeResult result, bool created) => result.Outcome switch
    {
        MergeOutcome.Done when created => TypedResults.Created($"/api/people/{result.Merge!.SurvivorId}/merges/{result.Merge.Id}", result.Merge),
        MergeOutcome.Done => TypedResults.Ok(result.Merge),
        MergeOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such person or merge"),
        MergeOutcome.SamePerson => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not two records", detail: result.Problem),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot merge now", detail: result.Problem),
    };
}
