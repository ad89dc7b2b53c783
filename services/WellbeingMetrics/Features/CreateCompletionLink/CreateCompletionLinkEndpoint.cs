using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Validation;

namespace SocialPrescribing.WellbeingMetrics.Features.CreateCompletionLink;

/// <summary>One-time links for a person to complete a questionnaire themselves (the page is /wellbeing/complete/{token}).</summary>
public static class CreateCompletionLinkEndpoint
{
    public static IEndpointRouteBuilder MapCreateCompletionLink(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/wellbeing/cases/{caseId:guid}/links", CreateAsync).WithTags("Assessments").WithName("CreateCompletionLink")
            .WithSummary("A one-time link (7 days, single use) for the person to complete a questionnaire online without an account")
            .Accepts<LinkRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AccessPolicies.ScoreRecorder);
        return app;
    }

    public static async Task<Results<Created<LinkView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid caseId, [AsParameters] WellbeingServices services, CancellationToken cancellationToken)
    {
        string? instrumentId = null, timepoint = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(services.Http.Request, (body, _) =>
        {
            instrumentId = body?.String("instrument");
            timepoint = body?.String("timepoint");
            body?.RejectUnknownFields();
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        var (link, problems) = await CreateCompletionLinkHandler.MakeAsync(services, caseId, instrumentId, timepoint, cancellationToken);
        if (link is not null)
        {
            return TypedResults.Created((string?)null, link);
        }

        if (problems is not null)
        {
            return Invalid(problems);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such case",
            detail: $"There is no case with id '{caseId}' that you can see.");
    }

    private static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The link could not be made");
}

public sealed record LinkRequest(string Instrument, string Timepoint);

/// <summary>The link to send (shown once: only a hash of it is kept).</summary>
public sealed record LinkView(Guid Id, string Url, string Path, string Instrument, string Timepoint, DateTimeOffset ExpiresAt);
