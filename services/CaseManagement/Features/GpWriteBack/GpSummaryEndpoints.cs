using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.ServiceDefaults.Http;

namespace SocialPrescribing.CaseManagement.Features.GpWriteBack;

/// <summary>The GP write-back of a closed case, as the person chose to share it: JSON, or FHIR R4 for GP systems.</summary>
public static class GpSummaryEndpoints
{
    /// <summary>How the person is identified in the summary: their person reference, which Referral Intake resolves to their NHS number.</summary>
    public const string PersonSystem = "https://socialprescribing.example.org/id/person-reference";

    public static IEndpointRouteBuilder MapGpWriteBack(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases/{id:guid}/gp-summary").WithTags("GP write-back").RequireAuthorization(AccessPolicies.CaseReader);
        api.MapGet("/", GetSummary)
            .WithName("GetGpSummary")
            .WithSummary("What goes back to the GP record of a closed case, as the person chose (full, codesOnly: the SNOMED CT codes only, none)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ReturnsRecords(RecordScope.CaseTeam);
        api.MapGet("/fhir", GetFhirSummary)
            .WithName("GetGpSummaryFhir")
            .WithSummary("The GP summary as a FHIR R4 Bundle (Procedure / Observation with SNOMED CT codes; full adds outcome, services and scores)")
            .Produces(StatusCodes.Status200OK, contentType: FhirJsonResult.ContentType)
            .Produces(StatusCodes.Status404NotFound, contentType: FhirJsonResult.ContentType)
            .Produces(StatusCodes.Status409Conflict, contentType: FhirJsonResult.ContentType)
            .ReturnsRecords(RecordScope.CaseTeam);
        return app;
    }

    public static async Task<Results<Ok<GpSummary>, NotFound, ProblemHttpResult>> GetSummary(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var (summary, problem) = await FindAsync(id, services, cancellationToken);
        return summary is not null ? TypedResults.Ok(summary)
            : problem is null ? TypedResults.NotFound()
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case is still open", detail: problem);
    }

    public static async Task<IResult> GetFhirSummary(Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var (summary, problem) = await FindAsync(id, services, cancellationToken);
        return summary switch
        {
            null when problem is null => Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, "No case with that id."),
            null => Outcome(StatusCodes.Status409Conflict, OperationOutcome.IssueType.BusinessRule, problem!),
            { Shared: false } => Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.Suppressed,
                "The person chose not to share anything with their GP, so there is no summary to send."),
            _ => new FhirJsonResult(StatusCodes.Status200OK, ToBundle(summary).ToJson()),
        };
    }

    /// <summary>The summary as a FHIR R4 collection Bundle.</summary>
    public static Bundle ToBundle(GpSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var subject = new ResourceReference { Identifier = new Identifier(PersonSystem, summary.PersonReference.ToString()) };
        var bundle = new Bundle
        {
            Id = summary.CaseId.ToString(),
            Type = Bundle.BundleType.Collection,
            Timestamp = summary.ClosedAt,
            Identifier = new Identifier("https://socialprescribing.example.org/id/case-reference", summary.Reference),
        };
        foreach (var code in summary.Codes)
        {
            var concept = new CodeableConcept(GpSummary.SnomedSystem, code.Code, code.Display);
            Resource resource = code.Code == GpSummary.Referred.Code
                ? new Procedure
                {
                    Status = EventStatus.Completed,
                    Code = concept,
                    Subject = subject,
                    Performed = new FhirDateTime(code.At!.Value),
                    Outcome = summary.Detail is { } detail ? new CodeableConcept { Text = OutcomeText(summary.Outcome, detail.OutcomeReason) } : null,
                }
                : new Observation { Status = ObservationStatus.Final, Code = concept, Subject = subject, Effective = new FhirDateTime(code.At!.Value) };
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = resource });
        }

        if (summary.Detail is { } full)
        {
            foreach (var service in full.Services)
            {
                bundle.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                    Resource = new ServiceRequest
                    {
                        Status = service.Status switch
                        {
                            ProviderReferralStatus.Completed => RequestStatus.Completed,
                            ProviderReferralStatus.Declined or ProviderReferralStatus.Expired => RequestStatus.Revoked,
                            _ => RequestStatus.Active,
                        },
                        Intent = RequestIntent.Order,
                        Code = new CodeableConcept { Text = service.Name },
                        Subject = subject,
                        AuthoredOn = service.RequestedAt.ToString("o"),
                        Note = [new Annotation { Text = $"Provider's answer: {service.Status}" }],
                    },
                });
            }

            foreach (var score in full.Scores.Where(s => s.Score is not null))
            {
                bundle.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                    Resource = new Observation
                    {
                        Status = ObservationStatus.Final,
                        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")],
                        Code = new CodeableConcept { Text = $"{score.Instrument} wellbeing score ({score.Timepoint})" },
                        Subject = subject,
                        Effective = new FhirDateTime(score.CompletedOn.ToString("yyyy-MM-dd")),
                        Value = new Quantity { Value = score.Score },
                    },
                });
            }
        }

        return bundle;
    }

    private static string OutcomeText(string outcome, string? reason) => reason is null ? outcome : $"{outcome}: {reason}";

    private static async Task<(GpSummary? Summary, string? Problem)> FindAsync(Guid id, CaseServices services, CancellationToken cancellationToken)
    {
        var found = await services.LoadVisibleAsync(id, cancellationToken);
        if (found is null)
        {
            return (null, null);
        }

        await services.AuditReadAsync([id], cancellationToken);
        try
        {
            return (GpSummary.Of(found), null);
        }
        catch (GpSummaryNotReadyException ex)
        {
            return (null, ex.Message);
        }
    }

    private static FhirJsonResult Outcome(int status, OperationOutcome.IssueType type, string message) =>
        new(status, new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = message }],
        }.ToJson());
}
