using Microsoft.AspNetCore.Http.HttpResults;

namespace SocialPrescribing.CaseManagement.Features.RecordContact;

/// <summary>A try at reaching the person, and how it went.</summary>
public static class RecordContactEndpoint
{
    public static RouteGroupBuilder MapRecordContact(this RouteGroupBuilder api)
    {
        api.MapPost("/contacts", RecordContact)
            .WithName("RecordContact")
            .WithSummary("Record a try at reaching the person: reached, noAnswer, or didNotAttend (a meeting)")
            .WithDescription("Body: { \"outcome\": \"reached|noAnswer|didNotAttend\", \"mode\"?: \"phone|text|email|letter|faceToFace|video\", \"at\"?, " +
                             "\"appointmentId\"? (required for didNotAttend), \"note\"? }. After 3 failed attempts in a row the case suggests UnableToContact.")
            .Accepts<ContactRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> RecordContact(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        CaseRequests.WithBodyAsync(id, services, "The contact has mistakes", body =>
        {
            var at = body.Instant("at");
            var mode = body.String("mode");
            var outcome = body.String("outcome");
            var appointmentId = body.Guid("appointmentId");
            var note = body.String("note");
            return () => RecordContactHandler.RecordAsync(services, id, at, mode, outcome, appointmentId, note, cancellationToken);
        }, cancellationToken);
}

public sealed record ContactRequest(string Outcome, string? Mode, DateTimeOffset? At, Guid? AppointmentId, string? Note);
