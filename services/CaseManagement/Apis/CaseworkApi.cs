using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SocialPrescribing.CaseManagement.Extensions;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.CaseManagement.Apis;

/// <summary>The link worker's everyday work on a case: meetings, contact attempts, notes, tasks, what matters to the person.</summary>
public static class CaseworkApi
{
    public static IEndpointRouteBuilder MapCaseworkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases/{id:guid}").WithTags("Casework").RequireAuthorization(AccessPolicies.CaseReader);

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
        api.MapPost("/contacts", RecordContact)
            .WithName("RecordContact")
            .WithSummary("Record a try at reaching the person: reached, noAnswer, or didNotAttend (a meeting)")
            .WithDescription("Body: { \"outcome\": \"reached|noAnswer|didNotAttend\", \"mode\"?: \"phone|text|email|letter|faceToFace|video\", \"at\"?, " +
                             "\"appointmentId\"? (required for didNotAttend), \"note\"? }. After 3 failed attempts in a row the case suggests UnableToContact.")
            .Accepts<ContactRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/notes", WriteNote)
            .WithName("WriteNote")
            .WithSummary("Add a note to the case (up to 10,000 characters)")
            .Accepts<NoteRequest>("application/json")
            .ProducesValidationProblem();
        api.MapPost("/tasks", SetTask)
            .WithName("SetTask")
            .WithSummary("Set a task on the case with its due date")
            .WithDescription("Body: { \"description\", \"dueOn\": \"YYYY-MM-DD\" }.")
            .Accepts<TaskRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/tasks/{taskId:guid}/done", CompleteTask)
            .WithName("CompleteTask")
            .WithSummary("Mark a task done")
            .ProducesValidationProblem();
        api.MapPut("/what-matters", RecordWhatMatters)
            .WithName("RecordWhatMatters")
            .WithSummary("Record what matters to the person, in their words")
            .WithDescription("Body: { \"whatMatters\" } (up to 4,000 characters; empty clears it).")
            .Accepts<WhatMattersRequest>("application/json")
            .ProducesValidationProblem();
        return app;
    }

    public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> BookAppointment(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        WithBodyAsync(id, services, "The appointment has mistakes", body =>
        {
            var startsAt = Required(body.Instant("startsAt"), "startsAt", "Say when the meeting starts.", body);
            var minutes = body.Integer("durationMinutes");
            var mode = body.String("mode");
            var place = body.String("place");
            return startsAt is null ? null : async found =>
            {
                var time = new AppointmentTime(startsAt.Value, minutes, mode, place, services.Time.GetUtcNow());
                found.Book(time, await services.OtherBookingsAsync(found, time, cancellationToken), services.Http.Actor(), services.Time.GetUtcNow());
            };
        }, cancellationToken);

    public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> MoveAppointment(
        Guid id, Guid appointmentId, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        WithBodyAsync(id, services, "The appointment has mistakes", body =>
        {
            var startsAt = Required(body.Instant("startsAt"), "startsAt", "Say when the meeting starts now.", body);
            var minutes = body.Integer("durationMinutes");
            var mode = body.String("mode");
            var place = body.String("place");
            return startsAt is null ? null : async found =>
            {
                var time = new AppointmentTime(startsAt.Value, minutes, mode, place, services.Time.GetUtcNow());
                found.MoveAppointment(appointmentId, time, await services.OtherBookingsAsync(found, time, cancellationToken), services.Http.Actor(), services.Time.GetUtcNow());
            };
        }, cancellationToken);

    public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> CancelAppointment(
        Guid id, Guid appointmentId, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        WithBodyAsync(id, services, "The cancellation has mistakes", body =>
        {
            var reason = Limited(body.String("reason"), "reason", 500, body);
            return found => Done(() => found.CancelAppointment(appointmentId, reason, services.Http.Actor(), services.Time.GetUtcNow()));
        }, cancellationToken);

    public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> RecordContact(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        WithBodyAsync(id, services, "The contact has mistakes", body =>
        {
            var at = body.Instant("at");
            var mode = body.String("mode");
            var outcome = body.String("outcome");
            var appointmentId = body.Guid("appointmentId");
            var note = body.String("note");
            return found => Done(() =>
            {
                var now = services.Time.GetUtcNow();
                found.RecordContact(new ContactRecord(at, mode, outcome, appointmentId, note, now), services.Http.Actor(), now);
            });
        }, cancellationToken);

    public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> WriteNote(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        WithBodyAsync(id, services, "The note has mistakes", body =>
        {
            var text = body.String("text");
            return found => Done(() => found.WriteNote(text, services.Http.Actor(), services.Time.GetUtcNow()));
        }, cancellationToken, maxBytes: 128 * 1024);

    public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> SetTask(
        Guid id, [AsParameters] CaseServices services, IOptions<ContactTargets> targets, CancellationToken cancellationToken) =>
        WithBodyAsync(id, services, "The task has mistakes", body =>
        {
            var description = body.String("description");
            var dueOn = Required(body.Date("dueOn"), "dueOn", "Say when it is due (YYYY-MM-DD).", body);
            return dueOn is null ? null : found => Done(() =>
                found.SetTask(description, targets.Value.EndOfDay(dueOn.Value), services.Http.Actor(), services.Time.GetUtcNow()));
        }, cancellationToken);

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> CompleteTask(
        Guid id, Guid taskId, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var result = await services.ChangeAsync(id, found => found.CompleteTask(taskId, services.Http.Actor(), services.Time.GetUtcNow()), cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
    }

    public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> RecordWhatMatters(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        WithBodyAsync(id, services, "What matters has mistakes", body =>
        {
            var text = body.String("whatMatters");
            return found => Done(() => found.RecordWhatMatters(text, services.Time.GetUtcNow()));
        }, cancellationToken);

    /// <summary>
    /// Reads the JSON body with <paramref name="read"/> (which records type errors and returns the
    /// change, or null when something required is missing), refuses unknown fields, then applies the
    /// change: 415/413 for the body, 400 naming every wrong field, 404, 409, or the case as it is now.
    /// </summary>
    private static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> WithBodyAsync(
        Guid id, CaseServices services, string title, Func<JsonObjectReader, Func<Case, Task>?> read, CancellationToken cancellationToken,
        int maxBytes = JsonBody.DefaultMaxBytes)
    {
        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken, maxBytes);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        Func<Case, Task>? change = null;
        using (document)
        {
            if (JsonObjectReader.ForRoot(document!.RootElement, errors) is { } body)
            {
                change = read(body);
                body.RejectUnknownFields();
            }
        }

        if (!errors.IsEmpty || change is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: title);
        }

        var result = await services.ChangeAsync(id, async found =>
        {
            await change(found);
            return [];
        }, cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
    }

    private static Task Done(Action change)
    {
        change();
        return Task.CompletedTask;
    }

    private static T? Required<T>(T? value, string name, string message, JsonObjectReader body)
        where T : struct
    {
        if (value is null)
        {
            body.Require(name, message);
        }

        return value;
    }

    private static string? Limited(string? value, string name, int max, JsonObjectReader body)
    {
        if (value?.Trim().Length > max)
        {
            body.Refuse(name, $"'{name}' must be {max} characters or fewer.");
            return null;
        }

        return value;
    }
}

public sealed record AppointmentRequest(DateTimeOffset StartsAt, int? DurationMinutes, string? Mode, string? Place);

public sealed record CancelRequest(string? Reason);

public sealed record ContactRequest(string Outcome, string? Mode, DateTimeOffset? At, Guid? AppointmentId, string? Note);

public sealed record NoteRequest(string Text);

public sealed record TaskRequest(string Description, DateOnly DueOn);

public sealed record WhatMattersRequest(string? WhatMatters);
