using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ReferralIntake.Features.SubmitReferral;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.ServiceDefaults.Http;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Features.FhirReferrals;

/// <summary>
/// FHIR R4 referrals from clinical systems: <c>POST /api/referrals/fhir</c> takes a ServiceRequest or
/// a message Bundle (201 with the created ServiceRequest, 400 with an OperationOutcome); a
/// ServiceRequest with status <c>revoked</c> and the identifier of one sent earlier withdraws it.
/// </summary>
public static class FhirReferralEndpoints
{
    public const string FhirJson = FhirJsonResult.ContentType;

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    /// <summary>A referral message with the record senders put around it (BaRS Bundles carry observations, flags, medication): 1 MB.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapFhirReferrals(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/api/referrals/fhir").WithTags("FHIR");
        fhir.MapPost("/", ReceiveAsync)
            .WithName("ReceiveFhirReferral")
            .WithSummary("A FHIR R4 ServiceRequest, or a message Bundle focused on one, from a clinical system")
            .RequireAuthorization(AccessPolicies.ReferralWriter)
            .Accepts<JsonElement>(FhirJson, "application/json")
            .Produces(StatusCodes.Status201Created, contentType: FhirJson)
            .Produces(StatusCodes.Status200OK, contentType: FhirJson)
            .Produces(StatusCodes.Status400BadRequest, contentType: FhirJson);
        fhir.MapGet("/ServiceRequest/{id:guid}", ReadAsync)
            .WithName("ReadFhirReferral")
            .WithSummary("A received referral as a FHIR ServiceRequest, the person in a contained Patient: for whom GET /api/referrals/{id}/person answers, and the integration client that sent it (audited)")
            .RequireAuthorization(AccessPolicies.FhirReader)
            .ReturnsRecords(RecordScope.CaseTeam)
            .Produces(StatusCodes.Status200OK, contentType: FhirJson);
        return app;
    }

    public static async Task<IResult> ReceiveAsync(HttpContext http, [AsParameters] FhirReferralServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(http.Request, cancellationToken, MaxBytes, FhirJson, "application/json");
        if (problem is not null)
        {
            return problem.StatusCode == StatusCodes.Status400BadRequest
                ? Fhir(StatusCodes.Status400BadRequest, Invalid(null, "The body is not valid JSON."))
                : problem;
        }

        Resource? resource;
        IEnumerable<Hl7.Fhir.Utility.CodedException>? issues;
        using (document)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(document!.RootElement.GetRawText()));
            if (!Deserializer.TryDeserializeResource(ref reader, out resource, out issues) || resource is null)
            {
                return Fhir(StatusCodes.Status400BadRequest, FhirReferralMapping.Outcome(OperationOutcome.IssueType.Structure,
                    (issues ?? []).Take(20).Select(i => ((string?)null, i.Message))));
            }
        }

        var (request, resolve, unwrapProblem) = FhirReferralMapping.Unwrap(resource);
        if (request is null)
        {
            return Fhir(StatusCodes.Status400BadRequest, Invalid(null, unwrapProblem!));
        }

        var externalId = FhirReferralMapping.ExternalId(request);
        if (request.Status == RequestStatus.Revoked)
        {
            return await WithdrawAsync(http, services, externalId, cancellationToken);
        }

        if (request.Status is not (RequestStatus.Active or null))
        {
            return Fhir(StatusCodes.Status400BadRequest, Invalid("ServiceRequest.status", "Send status 'active' to refer, or 'revoked' to cancel a referral sent earlier."));
        }

        if (externalId is not null && await FindByExternalIdAsync(http, services, externalId, cancellationToken) is { } sentBefore)
        {
            // The same ServiceRequest sent again: the referral it made, not a second one.
            return Fhir(StatusCodes.Status200OK, FhirReferralMapping.ToServiceRequest(sentBefore), $"/api/referrals/fhir/ServiceRequest/{sentBefore.Id}");
        }

        // Every problem in one OperationOutcome: what could not be read from the FHIR, then what breaks the referral rules.
        var errors = new ValidationErrors();
        var unreadable = new List<(string? Expression, string Message)>();
        var valid = ReferralRules.Validate(FhirReferralMapping.ToSubmission(request, resolve, unreadable), DateOnly.FromDateTime(services.Time.GetUtcNow().UtcDateTime), errors);
        if (valid is null || unreadable.Count > 0)
        {
            return Fhir(StatusCodes.Status400BadRequest, FhirReferralMapping.Outcome(unreadable, errors));
        }

        valid = valid with { UrgentByReferrer = FhirReferralMapping.IsUrgent(request), ExternalId = externalId, Sender = FhirReferralMapping.SenderOf(request, resolve) };
        try
        {
            var referral = await services.Submitter.SubmitAsync(valid, http, cancellationToken);
            return Fhir(StatusCodes.Status201Created, FhirReferralMapping.ToServiceRequest(referral), $"/api/referrals/fhir/ServiceRequest/{referral.Id}");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && externalId is not null)
        {
            // The same ServiceRequest sent twice at once: the first made the referral.
            var raced = await FindByExternalIdAsync(http, services, externalId, CancellationToken.None) ?? throw new InvalidOperationException("Referral vanished.", ex);
            return Fhir(StatusCodes.Status200OK, FhirReferralMapping.ToServiceRequest(raced), $"/api/referrals/fhir/ServiceRequest/{raced.Id}");
        }
    }

    public static async Task<IResult> ReadAsync(Guid id, HttpContext http, [AsParameters] FhirReferralServices services, CancellationToken cancellationToken)
    {
        var referral = await services.Db.Referrals.AsNoTracking().ReadableBy(http.User).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            return NotFound("No referral with that id.");
        }

        services.Db.Audit(http, "read", ReferralAudit.Resource, [referral.Id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        return Fhir(StatusCodes.Status200OK, FhirReferralMapping.ToServiceRequest(referral));
    }

    private static async Task<IResult> WithdrawAsync(HttpContext http, FhirReferralServices services, string? externalId, CancellationToken cancellationToken)
    {
        if (externalId is null)
        {
            return Fhir(StatusCodes.Status400BadRequest, Invalid("ServiceRequest.identifier",
                "A revoked ServiceRequest must carry the identifier of a referral this system sent earlier."));
        }

        // Only the client that sent a referral can withdraw it; to any other its identifier is unknown.
        var referral = await services.Db.Referrals.SentBy(http.User).SingleOrDefaultAsync(r => r.ExternalId == externalId, cancellationToken);
        if (referral is null)
        {
            return NotFound("This system sent no referral with that identifier.");
        }

        if (referral.Withdraw(services.Time.GetUtcNow()) is { } withdrawn)
        {
            services.Db.AddIntegrationEvent(withdrawn, (referral.DuplicateOfId ?? referral.Id).ToString());
            services.Db.Audit(http, "write", ReferralAudit.Resource, [referral.Id], services.Time);
            await services.Db.SaveChangesAsync(cancellationToken);
        }

        return Fhir(StatusCodes.Status200OK, FhirReferralMapping.ToServiceRequest(referral), $"/api/referrals/fhir/ServiceRequest/{referral.Id}");
    }

    /// <summary>The referral this client sent with <paramref name="externalId"/>: another client's identifiers are not its own.</summary>
    private static Task<Referral?> FindByExternalIdAsync(HttpContext http, FhirReferralServices services, string externalId, CancellationToken cancellationToken) =>
        services.Db.Referrals.AsNoTracking().SentBy(http.User).SingleOrDefaultAsync(r => r.ExternalId == externalId, cancellationToken);

    private static IResult NotFound(string message) =>
        Fhir(StatusCodes.Status404NotFound, FhirReferralMapping.Outcome(OperationOutcome.IssueType.NotFound, [(null, message)]));

    private static OperationOutcome Invalid(string? expression, string message) =>
        FhirReferralMapping.Outcome(OperationOutcome.IssueType.Invalid, [(expression, message)]);

    private static IResult Fhir(int status, Resource resource, string? location = null) => new FhirJsonResult(status, resource.ToJson(), location);
}

/// <summary>What the FHIR endpoints use, from the container.</summary>
public sealed record FhirReferralServices(ReferralDbContext Db, SubmitReferralHandler Submitter, TimeProvider Time);
