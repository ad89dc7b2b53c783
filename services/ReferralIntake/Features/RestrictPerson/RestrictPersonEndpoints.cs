using SocialPrescribing.Authorization;
using SocialPrescribing.ReferralIntake.Features.ReadPerson;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Features.RestrictPerson;

public static class RestrictPersonEndpoints
{
    public static RouteGroupBuilder MapRestrictPerson(this RouteGroupBuilder people)
    {
        people.MapPost("/{id:guid}/restriction", Restrict)
            .WithName("RestrictPerson")
            .WithSummary("Restrict the use of a person's record (UK GDPR Article 18): kept, but only managers find or read it, in every service (managers; a reason is required; audited)")
            .RequireAuthorization(AccessPolicies.PersonManager)
            .ReturnsRecords(RecordScope.None)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        people.MapDelete("/{id:guid}/restriction", Lift)
            .WithName("LiftPersonRestriction")
            .WithSummary("Lift the restriction of a person's record (managers; audited)")
            .RequireAuthorization(AccessPolicies.PersonManager)
            .ReturnsRecords(RecordScope.None)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return people;
    }

    public static async Task<IResult> Restrict(Guid id, HttpContext http, RestrictPersonHandler handler, ReadPersonHandler reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(reader);
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
                body.Require("reason", "Say why the record is restricted (for example, the person contests its accuracy).");
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

        return await handler.RestrictAsync(id, true, reason, http, cancellationToken)
            ? TypedResults.Ok(await reader.ReadAsync(id, http, cancellationToken))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such person");
    }

    public static async Task<IResult> Lift(Guid id, HttpContext http, RestrictPersonHandler handler, ReadPersonHandler reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(reader);
        return await handler.RestrictAsync(id, false, null, http, cancellationToken)
            ? TypedResults.Ok(await reader.ReadAsync(id, http, cancellationToken))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such person");
    }
}
