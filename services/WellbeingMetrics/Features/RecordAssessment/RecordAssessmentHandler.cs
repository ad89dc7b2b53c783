using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.RecordAssessment;

/// <summary>Records one questionnaire: checks it against the instrument and the case, numbers the timepoint, publishes it.</summary>
public static class RecordAssessmentHandler
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

        if (request.Language != AssessmentLanguages.English && instrument.In(request.Language) is null)
        {
            errors.Add("language", $"{instrument.Name} has no validated wording in '{request.Language}'; it can only be answered in English.");
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

        var assessment = Assessment.Record(request.CaseId, instrument, timepoint, request.Mode, request.CompletedOn, request.Responses, request.Supplementary, recordedBy, now, request.Language);
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
