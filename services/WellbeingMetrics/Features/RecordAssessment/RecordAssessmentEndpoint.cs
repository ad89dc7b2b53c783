using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authentication;
using SocialPrescribing.Validation;

namespace SocialPrescribing.WellbeingMetrics.Features.RecordAssessment;

/// <summary><c>POST /api/wellbeing/assessments</c>: a completed questionnaire for a case, recorded by <see cref="RecordAssessmentHandler"/>.</summary>
public static class RecordAssessmentEndpoint
{
    public static RouteGroupBuilder MapRecordAssessment(this RouteGroupBuilder api)
    {
        api.MapPost("/assessments", RecordAsync).WithName("RecordAssessment")
            .WithSummary("Record a completed questionnaire for a case; answers in item order")
            .Accepts<AssessmentRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(AccessPolicies.ScoreRecorder);
        return api;
    }

    public static async Task<Results<Created<AssessmentView>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        [AsParameters] WellbeingServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var errors = new ValidationErrors();
            var request = AssessmentRequest.Read(document!.RootElement, errors);
            if (request is null || !errors.IsEmpty)
            {
                return Invalid(errors);
            }

            var recorded = await RecordAssessmentHandler.RecordAsync(services, request, services.Http.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "unknown", errors, cancellationToken);
            return recorded switch
            {
                { Assessment: { } assessment } => TypedResults.Created($"/api/wellbeing/assessments/{assessment.Id}", AssessmentView.From(assessment)),
                { Conflict: true } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "That timepoint was recorded at the same moment",
                    detail: "Someone else recorded the same timepoint for this case and instrument just now; reload the case to see it."),
                _ => Invalid(errors),
            };
        }
    }

    private static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The questionnaire could not be recorded; nothing was saved");
}
