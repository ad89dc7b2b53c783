using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Validation;

namespace SocialPrescribing.CaseManagement.Features.Prescribe;

/// <summary><c>POST /api/cases/{id}/prescriptions</c>: a community service from the directory is asked to take the person on.</summary>
public static class PrescribeEndpoint
{
    public static RouteGroupBuilder MapPrescribe(this RouteGroupBuilder api)
    {
        api.MapPost("/prescriptions", Prescribe)
            .WithName("Prescribe")
            .WithSummary("Ask a community service (from the directory) to take the person on")
            .WithDescription("Body: { \"serviceId\", \"serviceName\"?, \"person\": { \"givenName\", \"phone\"?, \"email\"? }, \"note\"?, " +
                             "\"personAgreed\": true }. Only what the person agreed to share goes to the provider; their answer shows on the case.")
            .Accepts<PrescriptionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        api.MapPost("/prescriptions/{prescriptionId:guid}/withdraw", Withdraw)
            .WithName("WithdrawPrescription")
            .WithSummary("Take back a request not yet taken up (waiting for the provider's answer, or on the service's waiting list), to choose another service")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, Guid prescriptionId, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        await (await PrescribeHandler.WithdrawAsync(services, id, prescriptionId, cancellationToken)).ToHttpAsync(services, id, cancellationToken);

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> Prescribe(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        PrescriptionRequest? request = null;
        string? whatMatters = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(services.Http.Request, (body, errors) =>
        {
            request = ReadPrescription(body, errors);
            whatMatters = body?.String("whatMatters");
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!errors.IsEmpty || request is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The prescription has mistakes");
        }

        var result = await PrescribeHandler.PrescribeAsync(services, id, request, whatMatters, cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
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

        var serviceName = CaseRequests.Trimmed(body.String("serviceName"), "serviceName", 200, errors);
        var note = CaseRequests.Trimmed(body.String("note"), "note", CaseRequests.MaxReasonLength, errors);
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
            givenName = CaseRequests.Trimmed(person.String("givenName"), "person.givenName", 100, errors);
            if (givenName is null && !errors.Has("person.givenName"))
            {
                errors.Add("person.givenName", "Give the person's first name, so the provider can greet them.");
            }

            phone = CaseRequests.Trimmed(person.String("phone"), "person.phone", 32, errors);
            if (phone is not null && !PrescriptionRequest.IsPhone(phone))
            {
                errors.Add("person.phone", "A phone number has digits, spaces and + ( ) - only.");
            }

            email = CaseRequests.Trimmed(person.String("email"), "person.email", 254, errors);
            if (email is not null && !PrescriptionRequest.IsEmail(email))
            {
                errors.Add("person.email", "Give an email address such as name@example.com.");
            }
        }

        return serviceId is null || givenName is null || !errors.IsEmpty
            ? null
            : new PrescriptionRequest(serviceId.Value, serviceName, new SharedWithProvider(givenName, phone, email), note);
    }
}
