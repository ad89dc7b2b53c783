using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;

namespace SocialPrescribing.WellbeingMetrics.Features.ReadCaseWellbeing;

/// <summary>One recorded questionnaire, and a case's scores with its progress per instrument (audited).</summary>
public static class ReadCaseWellbeingEndpoints
{
    public static RouteGroupBuilder MapReadCaseWellbeing(this RouteGroupBuilder api)
    {
        api.MapGet("/assessments/{id:guid}", GetAsync).WithName("GetAssessment").WithSummary("One recorded questionnaire")
            .RequireAuthorization(AccessPolicies.ScoreReader)
            .ReturnsRecords(RecordScope.CaseTeam);
        api.MapGet("/cases/{caseId:guid}", SummaryAsync).WithName("GetCaseWellbeing")
            .WithSummary("Every score of a case and, per instrument, baseline, latest, change, whether it is meaningful, and an explanation for the person")
            .RequireAuthorization(AccessPolicies.ScoreReader)
            .ReturnsRecords(RecordScope.CaseTeam);
        return api;
    }

    public static async Task<Results<Ok<AssessmentView>, NotFound>> GetAsync(Guid id, [AsParameters] WellbeingServices services, CancellationToken cancellationToken)
    {
        var assessment = await services.Db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null || !await services.Db.Cases.VisibleTo(services.Http.User).AnyAsync(c => c.Id == assessment.CaseId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        services.Db.Audit(services.Http, "read", "assessment", [assessment.Id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AssessmentView.From(assessment));
    }

    public static async Task<Results<Ok<CaseWellbeing>, ProblemHttpResult>> SummaryAsync(
        Guid caseId, [AsParameters] WellbeingServices services, CancellationToken cancellationToken)
    {
        var summary = await CaseWellbeing.LoadAsync(services, caseId, cancellationToken);
        if (summary is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such case",
                detail: $"There is no case with id '{caseId}' that you can see.");
        }

        services.Db.Audit(services.Http, "read", "case-wellbeing", [caseId], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(summary);
    }
}
