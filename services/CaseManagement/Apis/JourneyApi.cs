using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Extensions;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.Validation;

namespace SocialPrescribing.CaseManagement.Apis;

/// <summary>Moving a case along the journey and giving it to a link worker.</summary>
public static class JourneyApi
{
    public const int MaxReasonLength = 2000;
    public const int MaxUserIdLength = 100;

    public static IEndpointRouteBuilder MapJourneyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases/{id:guid}").WithTags("Cases").RequireAuthorization(AccessPolicies.CaseReader);

        api.MapPost("/steps", MoveCase)
            .WithName("MoveCase")
            .WithSummary("Move the case to the next step of the journey, or to an exit (with a reason)")
            .WithDescription("Body: { \"to\": \"AssessmentArranged\", \"reason\": \"…\" }. An illegal move answers 409 naming the allowed next steps.")
            .Accepts<StepMove>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        api.MapPost("/assign", AssignCase)
            .WithName("AssignCase")
            .WithSummary("Give the case to a link worker (managers and admins)")
            .Accepts<Assignment>("application/json")
            .RequireAuthorization(AccessPolicies.CaseAssigner)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        api.MapPost("/prescriptions", Prescribe)
            .WithName("Prescribe")
            .WithSummary("Ask a community service (from the directory) to take the person on")
            .WithDescription("Body: { \"serviceId\", \"serviceName\"?, \"person\": { \"givenName\", \"phone\"?, \"email\"? }, \"note\"?, " +
                             "\"personAgreed\": true }. Only what the person agreed to share goes to the provider; their answer shows on the case.")
            .Accepts<PrescriptionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> Prescribe(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        PrescriptionRequest? request;
        using (document)
        {
            request = ReadPrescription(JsonObjectReader.ForRoot(document!.RootElement, errors), errors);
        }

        if (!errors.IsEmpty || request is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The prescription has mistakes");
        }

        return await ChangeCaseAsync(id, services, found => [found.Prescribe(request, Actor(services.Http), services.Time.GetUtcNow())], cancellationToken);
    }

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> MoveCase(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        CaseStep? to;
        string? reason;
        using (document)
        {
            var body = JsonObjectReader.ForRoot(document!.RootElement, errors);
            to = body is null ? null : ReadStep(body.String("to"), errors);
            reason = Trimmed(body?.String("reason"), "reason", MaxReasonLength, errors);
        }

        if (!errors.IsEmpty || to is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The move has mistakes");
        }

        return await ChangeCaseAsync(id, services, found => found.MoveTo(to.Value, Actor(services.Http), reason, services.Time.GetUtcNow()), cancellationToken);
    }

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> AssignCase(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        string? assignee;
        using (document)
        {
            var body = JsonObjectReader.ForRoot(document!.RootElement, errors);
            assignee = Trimmed(body?.String("assignedTo"), "assignedTo", MaxUserIdLength, errors);
        }

        if (string.IsNullOrEmpty(assignee) && !errors.Has("assignedTo"))
        {
            errors.Add("assignedTo", "Say who the case is for: the link worker's user id.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The assignment has mistakes");
        }

        return await ChangeCaseAsync(id, services, found => found.AssignTo(assignee!, services.Time.GetUtcNow()) is { } assigned ? [assigned] : [], cancellationToken);
    }

    /// <summary>
    /// Loads a case the caller may see, applies <paramref name="change"/>, and commits it with its
    /// events and the audit entry. Domain refusals become 409 problems saying what is allowed.
    /// </summary>
    private static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeCaseAsync(
        Guid id, CaseServices services, Func<Case, IReadOnlyList<IIntegrationEvent>> change, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var found = await db.Cases.VisibleTo(services.Http.User).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        IReadOnlyList<IIntegrationEvent> events;
        try
        {
            events = change(found);
        }
        catch (IllegalStepException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case cannot make that move", detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["allowedNextSteps"] = ex.Allowed.Select(s => s.ToString()).ToArray() });
        }
        catch (StepEvidenceMissingException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Something must be recorded first", detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["missing"] = ex.Missing });
        }
        catch (CaseClosedException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case is closed", detail: ex.Message);
        }

        foreach (var @event in events)
        {
            db.AddIntegrationEvent(@event, found.Id.ToString());
        }

        db.Audit(services.Http, "write", CaseServices.AuditResource, [found.Id], services.Time);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case changed meanwhile",
                detail: "Someone else changed this case at the same time. Look at it again, then repeat your change if it is still needed.");
        }

        var view = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(CaseView.Projection).SingleAsync(cancellationToken);
        return TypedResults.Ok(view);
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

    /// <summary>A prescription request from its JSON body, each mistake named by its field.</summary>
    private static PrescriptionRequest? ReadPrescription(JsonObjectReader? body, ValidationErrors errors)
    {
        if (body is null)
        {
            return null;
        }

        Guid? serviceId = null;
        var serviceText = body.String("serviceId");
        if (Guid.TryParse(serviceText, out var parsed))
        {
            serviceId = parsed;
        }
        else if (!errors.Has("serviceId"))
        {
            errors.Add("serviceId", "Say which service: its id in the directory.");
        }

        var serviceName = Trimmed(body.String("serviceName"), "serviceName", 200, errors);
        var note = Trimmed(body.String("note"), "note", MaxReasonLength, errors);
        if (body.Boolean("personAgreed") != true && !errors.Has("personAgreed"))
        {
            errors.Add("personAgreed", "The person must agree to their details going to the provider (personAgreed: true).");
        }

        var person = body.Object("person");
        string? givenName = null, phone = null, email = null;
        if (person is null)
        {
            if (!errors.Has("person"))
            {
                errors.Add("person", "Say what the provider may know: at least the person's first name.");
            }
        }
        else
        {
            givenName = Trimmed(person.String("givenName"), "person.givenName", 100, errors);
            if (givenName is null && !errors.Has("person.givenName"))
            {
                errors.Add("person.givenName", "Give the person's first name, so the provider can greet them.");
            }

            phone = Trimmed(person.String("phone"), "person.phone", 32, errors);
            if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-'))
            {
                errors.Add("person.phone", "A phone number has digits, spaces and + ( ) - only.");
            }

            email = Trimmed(person.String("email"), "person.email", 254, errors);
            if (email is not null && (email.IndexOf('@', StringComparison.Ordinal) is < 1 || email.EndsWith('@') || email.Any(char.IsWhiteSpace)))
            {
                errors.Add("person.email", "Give an email address such as name@example.com.");
            }
        }

        return serviceId is null || givenName is null || !errors.IsEmpty
            ? null
            : new PrescriptionRequest(serviceId.Value, serviceName, new SharedWithProvider(givenName, phone, email), note);
    }

    /// <summary>Text trimmed, empty as null, refused (with an error) when longer than <paramref name="maxLength"/>.</summary>
    private static string? Trimmed(string? value, string name, int maxLength, ValidationErrors errors)
    {
        var text = value?.Trim();
        if (text?.Length > maxLength)
        {
            errors.Add(name, $"'{name}' must be {maxLength} characters or fewer.");
            return null;
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Who made a change: the caller's user id.</summary>
    private static string Actor(HttpContext http) => http.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "unknown";
}

/// <summary>A request to move a case: the step to move to, and why (required for an exit).</summary>
public sealed record StepMove(string To, string? Reason);

/// <summary>A request to give a case to a link worker.</summary>
public sealed record Assignment(string AssignedTo);
