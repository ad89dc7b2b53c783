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

    /// <summary>
    /// Read as senders write it: a missing element FHIR calls mandatory but this service does not need (BaRS examples omit
    /// <c>MessageHeader.destination.endpoint</c>: Firely's PVAL105) and elements this release does not define (another
    /// release's, a profile's additions: PVAL128, kept aside) are not reasons to refuse a referral. A value of the wrong type
    /// or an unknown code still is (reading it would fail). What the referral needs is checked after, by this service's own
    /// rules, every problem at once.
    /// </summary>
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings
    {
        ExceptionFilter = issue => issue.ErrorCode is "PVAL105" or "PVAL128",
    });

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 64, AllowTrailingCommas = true };

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
            .Produces(StatusCodes.Status400BadRequest, contentType: FhirJson)
            .Produces(StatusCodes.Status409Conflict, contentType: FhirJson);
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
        var (resource, unreadableBody) = await ReadResourceAsync(http, cancellationToken);
        if (unreadableBody is not null)
        {
            return unreadableBody;
        }

        var (message, unwrapProblem) = FhirReferralMapping.Unwrap(resource!);
        if (message is null)
        {
            return Fhir(StatusCodes.Status400BadRequest, Invalid(null, unwrapProblem!));
        }

        var request = message.Request;
        var externalId = FhirReferralMapping.ExternalId(request);
        if (request.Status is RequestStatus.Revoked or RequestStatus.EnteredInError && !message.ValidationOnly)
        {
            return await WithdrawAsync(http, services, externalId, cancellationToken);
        }

        if (request.Status is not (RequestStatus.Active or null))
        {
            return Fhir(StatusCodes.Status400BadRequest, Invalid("ServiceRequest.status", "Send status 'active' to refer, or 'revoked' to cancel a referral sent earlier."));
        }

        // Every problem in one OperationOutcome: what could not be read from the FHIR, then what breaks the referral rules.
        var errors = new ValidationErrors();
        var unreadable = new List<(string? Expression, string Message)>();
        var notes = new List<string>();
        var valid = ReferralRules.Validate(FhirReferralMapping.ToSubmission(message, unreadable, notes), DateOnly.FromDateTime(services.Time.GetUtcNow().UtcDateTime), errors);
        if (valid is null || unreadable.Count > 0)
        {
            return Fhir(StatusCodes.Status400BadRequest, FhirReferralMapping.Outcome(unreadable, errors));
        }

        if (message.ValidationOnly)
        {
            // A validation request asks only whether the referral would be accepted: nothing is stored.
            return Fhir(StatusCodes.Status200OK, FhirReferralMapping.Outcome(OperationOutcome.IssueType.Informational,
                [(null, "Validation request: this referral would be accepted. No referral was made; send it without the validation flag to refer.")]));
        }

        if (await FindSentBeforeAsync(http, services, externalId, message.MessageId, cancellationToken) is { } sentBefore)
        {
            return SentAgain(sentBefore, externalId, valid.Person);
        }

        valid = valid with
        {
            UrgentByReferrer = FhirReferralMapping.IsUrgent(request),
            ExternalId = externalId,
            MessageId = message.MessageId,
            GpPractice = FhirReferralMapping.GpPracticeOf(message, message.Resolve(request.Subject) as Patient, valid.Referrer?.Role),
            Sender = FhirReferralMapping.SenderOf(request, message.Resolve) with { Notes = notes },
        };
        try
        {
            var referral = await services.Submitter.SubmitAsync(valid, http, cancellationToken);
            return Fhir(StatusCodes.Status201Created, FhirReferralMapping.ToServiceRequest(referral), $"/api/referrals/fhir/ServiceRequest/{referral.Id}");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && (externalId ?? message.MessageId) is not null)
        {
            // The same message sent twice at once: the first made the referral.
            var raced = await FindSentBeforeAsync(http, services, externalId, message.MessageId, CancellationToken.None) ?? throw new InvalidOperationException("Referral vanished.", ex);
            return SentAgain(raced, externalId, valid.Person);
        }
    }

    /// <summary>
    /// A referral this client sent before with the same ServiceRequest identifier, or in a message with the same identity:
    /// for the same request, or the same message about the same person, the referral it made (200), never a second one. A
    /// message identity reused for someone else is a sender's mistake that must not hide a referral: 409, as BaRS answers a
    /// duplicate message id.
    /// </summary>
    private static IResult SentAgain(Referral sentBefore, string? externalId, ValidPerson person)
    {
        var samePerson = sentBefore.PersonKey == Referral.PersonKeyOf(person.GivenName, person.FamilyName, person.DateOfBirth, person.Postcode);
        if ((externalId is not null && sentBefore.ExternalId == externalId) || samePerson)
        {
            return Fhir(StatusCodes.Status200OK, FhirReferralMapping.ToServiceRequest(sentBefore), $"/api/referrals/fhir/ServiceRequest/{sentBefore.Id}");
        }

        return Fhir(StatusCodes.Status409Conflict, FhirReferralMapping.Outcome(OperationOutcome.IssueType.Duplicate, [("Bundle.id",
            "This message's identity (Bundle.identifier, Bundle.id or the MessageHeader's id) was already used for a referral about someone else. "
            + "Nothing was stored: give each message its own identity and send it again.")]));
    }

    /// <summary>
    /// The posted FHIR resource, read as senders write it: trailing commas allowed, elements from a newer or older FHIR
    /// release or a profile's additions kept aside rather than refused; otherwise 400 with what could not be read.
    /// </summary>
    private static async Task<(Resource? Resource, IResult? Problem)> ReadResourceAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(http.Request, ReadOptions, cancellationToken, MaxBytes, FhirJson, "application/json");
        if (problem is not null)
        {
            return (null, problem.StatusCode == StatusCodes.Status400BadRequest
                ? Fhir(StatusCodes.Status400BadRequest, Invalid(null, "The body is not valid JSON."))
                : problem);
        }

        using (document)
        {
            // Written out again, so the FHIR parser sees standard JSON (no trailing commas).
            var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(document!.RootElement));
            try
            {
                if (Deserializer.TryDeserializeResource(ref reader, out var resource, out var issues) && resource is not null)
                {
                    return (resource, null);
                }

                return (null, Fhir(StatusCodes.Status400BadRequest, FhirReferralMapping.Outcome(OperationOutcome.IssueType.Structure,
                    (issues ?? []).Take(20).Select(i => ((string?)null, i.Message)))));
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or Hl7.Fhir.Utility.CodedException)
            {
                return (null, Fhir(StatusCodes.Status400BadRequest, Invalid(null, "The body is not a FHIR R4 resource: " + ex.Message)));
            }
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

    /// <summary>
    /// The referral this client sent before with the same ServiceRequest identifier or in the same message: another client's
    /// identifiers are not its own.
    /// </summary>
    private static async Task<Referral?> FindSentBeforeAsync(HttpContext http, FhirReferralServices services, string? externalId, string? messageId, CancellationToken cancellationToken) =>
        externalId is null && messageId is null
            ? null
            : await services.Db.Referrals.AsNoTracking().SentBy(http.User)
                .Where(r => (externalId != null && r.ExternalId == externalId) || (messageId != null && r.MessageId == messageId))
                .OrderBy(r => r.SubmittedAt)
                .FirstOrDefaultAsync(cancellationToken);

    private static IResult NotFound(string message) =>
        Fhir(StatusCodes.Status404NotFound, FhirReferralMapping.Outcome(OperationOutcome.IssueType.NotFound, [(null, message)]));

    private static OperationOutcome Invalid(string? expression, string message) =>
        FhirReferralMapping.Outcome(OperationOutcome.IssueType.Invalid, [(expression, message)]);

    private static IResult Fhir(int status, Resource resource, string? location = null) => new FhirJsonResult(status, resource.ToJson(), location);
}

/// <summary>What the FHIR endpoints use, from the container.</summary>
public sealed record FhirReferralServices(ReferralDbContext Db, SubmitReferralHandler Submitter, TimeProvider Time);
