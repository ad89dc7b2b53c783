using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.RecordAssessment;

/// <summary>
/// What a questionnaire's sender says: <c>{ caseId, instrument, timepoint, followUp?, mode, responses, completedOn,
/// supplementary?, language? }</c> (<c>language</c>: <c>en</c>, the default, or <c>cy</c> where the instrument has
/// validated Welsh wording).
/// </summary>
public sealed record AssessmentRequest(
    Guid CaseId, string Instrument, string Timepoint, int? FollowUp, string Mode, IReadOnlyList<int> Responses, DateOnly CompletedOn, string? Supplementary,
    string Language = AssessmentLanguages.English)
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
        var language = body.String("language") ?? AssessmentLanguages.English;
        body.RejectUnknownFields();
        if (!AssessmentLanguages.All.Contains(language))
        {
            errors.Add("language", $"Use one of: {string.Join(", ", AssessmentLanguages.All)}.");
        }

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
            ? new AssessmentRequest(caseId!.Value, instrument!, timepoint!, followUp, mode!, responses!, completedOn!.Value, supplementary, language)
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
