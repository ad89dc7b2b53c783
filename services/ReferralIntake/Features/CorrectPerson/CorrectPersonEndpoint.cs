using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;
using SocialPrescribing.ReferralIntake.Features.ReadPerson;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Features.CorrectPerson;

public static class CorrectPersonEndpoint
{
    public static RouteGroupBuilder MapCorrectPerson(this RouteGroupBuilder people)
    {
        people.MapPatch("/{id:guid}", Correct)
            .WithName("CorrectPerson")
            .WithSummary("Correct a person's details (givenName, familyName, dateOfBirth, postcode, phone, email, nhsNumber, preferredContact) or change their consent "
                         + "(consent.shareWithGp, consent.shareWithProviders: false withdraws), with a reason; kept in their history, audited, and sent to every service holding a copy")
            .RequireAuthorization(AccessPolicies.PersonFinder)
            .ReturnsRecords(RecordScope.CaseTeam)
            .Accepts<PersonCorrection>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return people;
    }

    public static async Task<IResult> Correct(
        Guid id, HttpContext http, CorrectPersonHandler handler, ReadPersonHandler reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(reader);
        PersonCorrection? correction = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(http.Request, (body, _) =>
        {
            if (body is null)
            {
                return;
            }

            Optional<string?> Text(string name) => new(body.Has(name), body.String(name));
            correction = new PersonCorrection
            {
                GivenName = Text("givenName"),
                FamilyName = Text("familyName"),
                DateOfBirth = new(body.Has("dateOfBirth"), body.Date("dateOfBirth")),
                Postcode = Text("postcode"),
                Phone = Text("phone"),
                Email = Text("email"),
                NhsNumber = Text("nhsNumber"),
                PreferredContact = Text("preferredContact"),
                Reason = body.String("reason"),
            };
            if (body.Object("consent") is { } consent)
            {
                correction = correction with { ShareWithGp = consent.Boolean("shareWithGp"), ShareWithProviders = consent.Boolean("shareWithProviders") };
                consent.RejectUnknownFields();
            }

            if (correction.Reason is { Length: > ReferralRules.MaxReasonLength })
            {
                body.Refuse("reason", $"Reason must be {ReferralRules.MaxReasonLength} characters or fewer.");
            }

            body.RejectUnknownFields();
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!errors.IsEmpty || correction is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Check the correction");
        }

        var result = await handler.CorrectAsync(id, correction, http, cancellationToken);
        return result.Outcome switch
        {
            CorrectionOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such person"),
            CorrectionOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!.ToDictionary(), title: "Check the correction"),
            _ => TypedResults.Ok(await reader.ReadAsync(id, http, cancellationToken)),
        };
    }
}
