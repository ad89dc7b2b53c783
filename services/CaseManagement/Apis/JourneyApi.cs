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
        api.MapPost("/take", TakeCase)
            .WithName("TakeCase")
            .WithSummary("Take an unassigned case of your team (link workers), e.g. from the same-day queue")
            .RequireAuthorization(AccessPolicies.CaseTaker)
            .ProducesProblem(StatusCodes.Status409Conflict);
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
        string? whatMatters;
        using (document)
        {
            var body = JsonObjectReader.ForRoot(document!.RootElement, errors);
            request = ReadPrescription(body, errors);
            whatMatters = body?.String("whatMatters");
        }

        if (!errors.IsEmpty || request is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The prescription has mistakes");
        }

        var now = services.Time.GetUtcNow();
        var result = await services.ChangeAsync(id, found =>
        {
            if (whatMatters is not null)
            {
                found.RecordWhatMatters(whatMatters, now);
            }

            return Task.FromResult<IReadOnlyList<IIntegrationEvent>>([found.Prescribe(request, services.Http.Actor(), now)]);
        }, cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
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

        var result = await services.ChangeAsync(id, found => Task.FromResult(found.MoveTo(to.Value, services.Http.Actor(), reason, services.Time.GetUtcNow())), cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
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

        var result = await services.AssignAsync(id, assignee!, cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
    }

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> TakeCase(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var result = await services.ChangeAsync(id, found =>
            Task.FromResult<IReadOnlyList<IIntegrationEvent>>(found.Take(services.Http.Actor(), services.Time.GetUtcNow()) is { } assigned ? [assigned] : []), cancellationToken);
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
            if (phone is not null && !PrescriptionRequest.IsPhone(phone))
            {
                errors.Add("person.phone", "A phone number has digits, spaces and + ( ) - only.");
            }

            email = Trimmed(person.String("email"), "person.email", 254, errors);
            if (email is not null && !PrescriptionRequest.IsEmail(email))
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
}

/// <summary>A request to move a case: the step to move to, and why (required for an exit).</summary>
public sealed record StepMove(string To, string? Reason);

/// <summary>A request to give a case to a link worker.</summary>
public sealed record Assignment(string AssignedTo);
