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
            _ => new FhirJsonResult(StatusCodes.Status200OK, GpSummaryFhir.ToBundle(summary).ToJson()),
        };
    }

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
