using Microsoft.AspNetCore.Http.HttpResults;

namespace SocialPrescribing.CaseManagement.Features.Meetings;

/// <summary>Meetings with the person: booked, moved and cancelled.</summary>
public static class MeetingEndpoints
{
    public static RouteGroupBuilder MapMeetings(this RouteGroupBuilder api)
    {
        api.MapPost("/appointments", BookAppointment)
            .WithName("BookAppointment")
            .WithSummary("Book a meeting with the person")
            .WithDescription("Body: { \"startsAt\": \"2026-12-01T10:30:00Z\", \"durationMinutes\"?: 60, \"mode\"?: \"faceToFace|phone|video\", \"place\"? }. " +
                             "A start in the past, or a time overlapping another booked meeting of the case or of its link worker, answers 400.")
            .Accepts<AppointmentRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/appointments/{appointmentId:guid}", MoveAppointment)
            .WithName("MoveAppointment")
            .WithSummary("Move a booked meeting to another time (or mode, or place)")
            .Accepts<AppointmentRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/appointments/{appointmentId:guid}/cancel", CancelAppointment)
            .WithName("CancelAppointment")
            .WithSummary("Cancel a booked meeting")
            .WithDescription("Body: { \"reason\"? }.")
            .Accepts<CancelRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> BookAppointment(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        CaseRequests.WithBodyAsync(id, services, "The appointment has mistakes", body =>
        {
            var startsAt = CaseRequests.Required(body.Instant("startsAt"), "startsAt", "Say when the meeting starts.", body);
            var minutes = body.Integer("durationMinutes");
            var mode = body.String("mode");
            var place = body.String("place");
            return startsAt is null ? null : () => MeetingHandler.BookAsync(services, id, startsAt.Value, minutes, mode, place, cancellationToken);
        }, cancellationToken);

    public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> MoveAppointment(
        Guid id, Guid appointmentId, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        CaseRequests.WithBodyAsync(id, services, "The appointment has mistakes", body =>
        {
            var startsAt = CaseRequests.Required(body.Instant("startsAt"), "startsAt", "Say when the meeting starts now.", body);
            var minutes = body.Integer("durationMinutes");
            var mode = body.String("mode");
            var place = body.String("place");
            return startsAt is null ? null : () => MeetingHandler.MoveAsync(services, id, appointmentId, startsAt.Value, minutes, mode, place, cancellationToken);
        }, cancellationToken);

    public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> CancelAppointment(
        Guid id, Guid appointmentId, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        CaseRequests.WithBodyAsync(id, services, "The cancellation has mistakes", body =>
        {
            var reason = CaseRequests.Limited(body.String("reason"), "reason", 500, body);
            return () => MeetingHandler.CancelAsync(services, id, appointmentId, reason, cancellationToken);
        }, cancellationToken);
}

public sealed record AppointmentRequest(DateTimeOffset StartsAt, int? DurationMinutes, string? Mode, string? Place);

public sealed record CancelRequest(string? Reason);
