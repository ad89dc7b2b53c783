using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Extensions;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Apis;

/// <summary>One-time links for a person to complete a questionnaire themselves (the page is /wellbeing/complete/{token}).</summary>
public static class CompletionLinksApi
{
    public const string CompletePath = "/wellbeing/complete/";

    public static IEndpointRouteBuilder MapCompletionLinksApi(this IEndpointRouteBuilder app)
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
        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        string? instrumentId, timepoint;
        using (document)
        {
            var body = JsonObjectReader.ForRoot(document!.RootElement, errors);
            instrumentId = body?.String("instrument");
            timepoint = body?.String("timepoint");
            body?.RejectUnknownFields();
        }

        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        var (link, problems) = await MakeAsync(services, caseId, instrumentId, timepoint, cancellationToken);
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

    /// <summary>
    /// Makes a link for a case the user may see: the link, or the mistakes (instrument, timepoint), or
    /// neither when the case is not theirs to see. Shared by the API and the case page.
    /// </summary>
    public static async Task<(LinkView? Link, ValidationErrors? Errors)> MakeAsync(
        WellbeingServices services, Guid caseId, string? instrumentId, string? timepoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!await services.Db.Cases.VisibleTo(services.Http.User).AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return (null, null);
        }

        var errors = new ValidationErrors();
        var instrument = instrumentId is null ? null : await services.Db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instrumentId, cancellationToken);
        if (instrument is null)
        {
            errors.Add("instrument", "Choose which questionnaire to send (see /api/wellbeing/instruments).");
        }

        if (timepoint is null || !Timepoint.Names.Contains(timepoint))
        {
            errors.Add("timepoint", $"Choose when in the journey: {string.Join(", ", Timepoint.Names)}.");
        }
        else if (instrument is not null && timepoint != Timepoint.FollowUpName &&
                 await services.Db.Assessments.AnyAsync(a => a.CaseId == caseId && a.InstrumentId == instrument.Id && a.Timepoint == timepoint, cancellationToken))
        {
            errors.Add("timepoint", $"This case already has a {timepoint} {instrument.Definition.Name} score.");
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var now = services.Time.GetUtcNow();
        var createdBy = services.Http.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "unknown";
        var (link, token) = CompletionLink.Create(caseId, instrument!.Id, timepoint!, createdBy, now);
        services.Db.CompletionLinks.Add(link);
        services.Db.Audit(services.Http, "create", "completion-link", [link.Id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);

        // The address the person will use, as configured: never the request's host (the service's own, or a header's).
        var path = CompletePath + token;
        var publicBaseUrl = services.Http.RequestServices.GetRequiredService<PublicBaseUrl>();
        return (new LinkView(link.Id, publicBaseUrl.Link(path), path, instrument.Id, timepoint!, link.ExpiresAt), null);
    }

    private static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The link could not be made");
}

public sealed record LinkRequest(string Instrument, string Timepoint);

/// <summary>The link to send (shown once: only a hash of it is kept).</summary>
public sealed record LinkView(Guid Id, string Url, string Path, string Instrument, string Timepoint, DateTimeOffset ExpiresAt);

/// <summary>Opening and using a one-time link, for the completion page.</summary>
public static class CompletionLinks
{
    public enum State
    {
        Open,
        Unknown,
        Used,
        Expired,
    }

    public static async Task<(State State, CompletionLink? Link, InstrumentDefinition? Instrument)> OpenAsync(
        WellbeingServices services, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return (State.Unknown, null, null);
        }

        var hash = CompletionLink.Hash(token);
        var link = await services.Db.CompletionLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null)
        {
            return (State.Unknown, null, null);
        }

        if (link.UsedAt is not null)
        {
            return (State.Used, link, null);
        }

        if (!link.IsOpen(services.Time.GetUtcNow()))
        {
            return (State.Expired, link, null);
        }

        var instrument = (await services.Db.Instruments.AsNoTracking().SingleAsync(i => i.Id == link.InstrumentId, cancellationToken)).Definition;
        return (State.Open, link, instrument);
    }

    /// <summary>Records the person's answers and uses up the link, in one commit.</summary>
    public static Task<AssessmentRecorder.Outcome> CompleteAsync(
        WellbeingServices services, CompletionLink link, IReadOnlyList<int> responses, string? supplementary, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var now = services.Time.GetUtcNow();
        var request = new AssessmentRequest(link.CaseId, link.InstrumentId, link.Timepoint, null, AssessmentModes.Online, responses,
            DateOnly.FromDateTime(now.UtcDateTime), supplementary);
        return AssessmentRecorder.RecordAsync(services, request, "self", errors, cancellationToken, anyCase: true, alongside: a => link.Use(a.Id, now));
    }
}
