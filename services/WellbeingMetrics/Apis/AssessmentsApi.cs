using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Extensions;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Apis;

/// <summary>Recording questionnaires for a case, and each case's progress.</summary>
public static class AssessmentsApi
{
    public static IEndpointRouteBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/wellbeing").WithTags("Assessments");
        api.MapPost("/assessments", RecordAsync).WithName("RecordAssessment")
            .WithSummary("Record a completed questionnaire for a case; answers in item order")
            .Accepts<AssessmentRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(AccessPolicies.ScoreRecorder);
        api.MapGet("/assessments/{id:guid}", GetAsync).WithName("GetAssessment").WithSummary("One recorded questionnaire")
            .RequireAuthorization(AccessPolicies.ScoreReader)
            .ReturnsRecords(RecordScope.CaseTeam);
        api.MapGet("/cases/{caseId:guid}", SummaryAsync).WithName("GetCaseWellbeing")
            .WithSummary("Every score of a case and, per instrument, baseline, latest, change, whether it is meaningful, and an explanation for the person")
            .RequireAuthorization(AccessPolicies.ScoreReader)
            .ReturnsRecords(RecordScope.CaseTeam);
        return app;
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

            var recorded = await AssessmentRecorder.RecordAsync(services, request, services.Http.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "unknown", errors, cancellationToken);
            return recorded switch
            {
                { Assessment: { } assessment } => TypedResults.Created($"/api/wellbeing/assessments/{assessment.Id}", AssessmentView.From(assessment)),
                { Conflict: true } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "That timepoint was recorded at the same moment",
                    detail: "Someone else recorded the same timepoint for this case and instrument just now; reload the case to see it."),
                _ => Invalid(errors),
            };
        }
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

    private static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The questionnaire could not be recorded; nothing was saved");
}

public sealed record WellbeingServices(WellbeingDbContext Db, TimeProvider Time, HttpContext Http);

/// <summary>What a questionnaire's sender says: <c>{ caseId, instrument, timepoint, followUp?, mode, responses, completedOn, supplementary? }</c>.</summary>
public sealed record AssessmentRequest(
    Guid CaseId, string Instrument, string Timepoint, int? FollowUp, string Mode, IReadOnlyList<int> Responses, DateOnly CompletedOn, string? Supplementary)
{
    /// <summary>Reads the body field by field: every wrong or missing field gets its own error.</summary>
    public static AssessmentRequest? Read(System.Text.Json.JsonElement root, ValidationErrors errors)
    {
        var body = JsonObjectReader.ForRoot(root, errors);
        if (body is null)
        {
            return null;
        }

        var caseId = body.Guid("caseId");
        var instrument = body.String("instrument");
        var timepoint = body.String("timepoint");
        var followUp = body.Integer("followUp");
        var mode = body.String("mode");
        var responses = body.IntegerArray("responses");
        var completedOn = body.Date("completedOn");
        var supplementary = body.String("supplementary");
        body.RejectUnknownFields();

        Required(errors, "caseId", caseId, "Say which case the scores are for.");
        Required(errors, "instrument", instrument, "Say which questionnaire was used (see /api/wellbeing/instruments).");
        Required(errors, "responses", responses, "Give the answers, in question order.");
        Required(errors, "completedOn", completedOn, "Say on which day it was completed (YYYY-MM-DD).");
        if (timepoint is null)
        {
            Required(errors, "timepoint", timepoint, $"Say when in the journey: {string.Join(", ", Model.Timepoint.Names)}.");
        }
        else if (!Model.Timepoint.Names.Contains(timepoint))
        {
            errors.Add("timepoint", $"Use one of: {string.Join(", ", Model.Timepoint.Names)}.");
        }

        if (followUp is not null && timepoint != Model.Timepoint.FollowUpName)
        {
            errors.Add("followUp", "Only a follow-up has a number.");
        }
        else if (followUp is < 1 or > 100)
        {
            errors.Add("followUp", "Number follow-ups from 1 (up to 100).");
        }

        if (mode is null)
        {
            Required(errors, "mode", mode, $"Say how it was completed: {string.Join(", ", AssessmentModes.All)}.");
        }
        else if (!AssessmentModes.All.Contains(mode))
        {
            errors.Add("mode", $"Use one of: {string.Join(", ", AssessmentModes.All)}.");
        }

        return errors.IsEmpty
            ? new AssessmentRequest(caseId!.Value, instrument!, timepoint!, followUp, mode!, responses!, completedOn!.Value, supplementary)
            : null;
    }

    private static void Required(ValidationErrors errors, string field, object? value, string message)
    {
        if (value is null && !errors.Has(field))
        {
            errors.Add(field, message);
        }
    }
}

/// <summary>A recorded questionnaire as the API shows it.</summary>
public sealed record AssessmentView(
    Guid Id, Guid CaseId, string Instrument, string Timepoint, int? FollowUp, string Mode, DateOnly CompletedOn,
    IReadOnlyList<int> Responses, string? Supplementary, Score Score, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static AssessmentView From(Assessment a) =>
        new(a.Id, a.CaseId, a.InstrumentId, a.Timepoint, a.FollowUp, a.Mode, a.CompletedOn, a.Responses, a.SupplementaryAnswer, a.Score, a.RecordedBy, a.RecordedAt);
}

/// <summary>A case's wellbeing: every questionnaire, and progress per instrument.</summary>
public sealed record CaseWellbeing(Guid CaseId, string? Reference, IReadOnlyList<AssessmentView> Assessments, IReadOnlyList<InstrumentProgress> Instruments)
{
    /// <summary>The case's scores, or null if the case is unknown or not the reader's to see.</summary>
    public static async Task<CaseWellbeing?> LoadAsync(WellbeingServices services, Guid caseId, CancellationToken cancellationToken)
    {
        var known = await services.Db.Cases.AsNoTracking().VisibleTo(services.Http.User).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (known is null)
        {
            return null;
        }

        var assessments = await services.Db.Assessments.AsNoTracking().Where(a => a.CaseId == caseId)
            .OrderBy(a => a.CompletedOn).ThenBy(a => a.Sequence).ThenBy(a => a.RecordedAt).ToListAsync(cancellationToken);
        var ids = assessments.Select(a => a.InstrumentId).Distinct().ToList();
        var instruments = await services.Db.Instruments.AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return new CaseWellbeing(
            caseId,
            known.Reference,
            [.. assessments.Select(AssessmentView.From)],
            [.. instruments.Select(i => Progress.For(i.Definition, assessments))]);
    }
}

/// <summary>Records one questionnaire: checks it against the instrument and the case, numbers the timepoint, publishes it.</summary>
public static class AssessmentRecorder
{
    public sealed record Outcome(Assessment? Assessment, bool Conflict = false);

    /// <param name="anyCase">True for a one-time link (the link names its case); otherwise the case must be one the user may see.</param>
    /// <param name="alongside">Changes to save in the same commit as the assessment (the link being used).</param>
    public static async Task<Outcome> RecordAsync(
        WellbeingServices services, AssessmentRequest request, string recordedBy, ValidationErrors errors, CancellationToken cancellationToken,
        bool anyCase = false, Action<Assessment>? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        var db = services.Db;
        var now = services.Time.GetUtcNow();
        var instrument = (await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.Instrument, cancellationToken))?.Definition;
        if (instrument is null)
        {
            errors.Add("instrument", $"There is no questionnaire '{Clip(request.Instrument)}'; see /api/wellbeing/instruments.");
            return new Outcome(null);
        }

        Scoring.Check(instrument, request.Responses, errors);
        if (request.Supplementary is { } answer && (instrument.Supplementary is not { } question || !question.Answers.Contains(answer)))
        {
            errors.Add("supplementary", instrument.Supplementary is { } q
                ? $"Answer '{q.Text}' with one of: {string.Join(", ", q.Answers)}."
                : $"{instrument.Name} has no extra question.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (request.CompletedOn > today)
        {
            errors.Add("completedOn", "The day it was completed cannot be in the future.");
        }
        else if (request.CompletedOn < today.AddYears(-5))
        {
            errors.Add("completedOn", "The day it was completed is more than five years ago; check the year.");
        }

        var caseKnown = await (anyCase ? db.Cases : db.Cases.VisibleTo(services.Http.User)).AnyAsync(c => c.Id == request.CaseId, cancellationToken);
        if (!caseKnown)
        {
            errors.Add("caseId", "There is no case with this id that you can record scores for.");
        }

        if (!errors.IsEmpty)
        {
            return new Outcome(null);
        }

        var taken = await db.Assessments.Where(a => a.CaseId == request.CaseId && a.InstrumentId == instrument.Id)
            .Select(a => new { a.Timepoint, a.FollowUp, a.CompletedOn }).ToListAsync(cancellationToken);
        var timepoint = request.Timepoint == Model.Timepoint.FollowUpName
            ? new Timepoint(Model.Timepoint.FollowUpName, request.FollowUp ?? (taken.Where(t => t.FollowUp != null).Max(t => t.FollowUp) ?? 0) + 1)
            : new Timepoint(request.Timepoint, null);
        if (taken.FirstOrDefault(t => t.Timepoint == timepoint.Name && t.FollowUp == timepoint.FollowUp) is { } same)
        {
            errors.Add("timepoint", $"This case already has a {timepoint.Describe()} {instrument.Name} score, completed on {same.CompletedOn:d MMMM yyyy}.");
            return new Outcome(null);
        }

        var assessment = Assessment.Record(request.CaseId, instrument, timepoint, request.Mode, request.CompletedOn, request.Responses, request.Supplementary, recordedBy, now);
        db.Assessments.Add(assessment);
        db.AddIntegrationEvent(
            new WellbeingRecorded(Guid.CreateVersion7(now), now, assessment.Id, assessment.CaseId, assessment.InstrumentId, assessment.Timepoint,
                assessment.FollowUp, assessment.Mode, assessment.CompletedOn, assessment.Value),
            assessment.CaseId.ToString());
        db.Audit(services.Http, "create", "assessment", [assessment.Id], services.Time);
        alongside?.Invoke(assessment);
        try
        {
            // The assessment, its event, its audit and the case's outcome pairs commit together.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Database.AutoSavepointsEnabled = false;
            await db.SaveChangesAsync(cancellationToken);
            await OutcomePairs.RefreshAsync(db, assessment.CaseId, instrument, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Outcome(assessment);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            return new Outcome(null, Conflict: true);
        }
    }

    private static string Clip(string text) => text.Length > 64 ? text[..64] : text;
}
