using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SocialPrescribing.CaseManagement.Model;

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
                             "\"appointmentId\"? (required for didNotAttend), \"note\"?, \"risk\"?: bool }. After 3 failed attempts in a row the case suggests UnableToContact. " +
                             "risk: true (the person disclosed a risk of harm to self or others, or crisis; only with outcome reached) makes the case urgent again, " +
                             "back in the same-day queue with a review due by the end of the day; a review not done by then is escalated to the team's managers.")
            .Accepts<ContactRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> RecordContact(
        Guid id, [AsParameters] CaseServices services, IOptions<ContactTargets> targets, CancellationToken cancellationToken) =>
        CaseRequests.WithBodyAsync(id, services, "The contact has mistakes", body =>
        {
            var at = body.Instant("at");
            var mode = body.String("mode");
            var outcome = body.String("outcome");
            var appointmentId = body.Guid("appointmentId");
            var note = body.String("note");
            var risk = body.Boolean("risk") ?? false;
            return () => RecordContactHandler.RecordAsync(services, targets.Value, id, at, mode, outcome, appointmentId, note, risk, cancellationToken);
        }, cancellationToken);
}

public sealed record ContactRequest(string Outcome, string? Mode, DateTimeOffset? At, Guid? AppointmentId, string? Note, bool? Risk);
