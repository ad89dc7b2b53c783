using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>Scores recorded from the case page: the questionnaire's answers go to Wellbeing Metrics, which owns them.</summary>
public sealed partial class CaseModel
{
    public async Task<IActionResult> OnPostScoresAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await CanSeeAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            Instruments = await wellbeing.InstrumentsAsync(cancellationToken);
        }
        catch (ServiceUnavailableException)
        {
            Refusal = "Wellbeing Metrics did not answer, so the scores were not recorded. Try again in a minute; the answers are still here.";
            return await ShowAsync(id, cancellationToken);
        }

        if (ChosenInstrument is not { } instrument)
        {
            Errors["instrument"] = "Choose the questionnaire.";
            return await ShowAsync(id, cancellationToken);
        }

        List<int> responses = [];
        foreach (var item in instrument.Items)
        {
            if (int.TryParse(Answers.GetValueOrDefault(item.Key), NumberStyles.None, CultureInfo.InvariantCulture, out var answer))
            {
                responses.Add(answer);
            }
            else
            {
                Errors[$"answer-{item.Key}"] = $"Answer question {item.Number}: {item.Text}";
            }
        }

        if (!DateOnly.TryParseExact(CompletedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var completedOn))
        {
            Errors["completed-on"] = "Enter the day the questionnaire was answered, for example 2026-11-26.";
        }

        if (Errors.Count == 0)
        {
            try
            {
                var refused = await wellbeing.RecordAsync(new AssessmentToRecord(id, instrument.Id, Timepoint ?? "", ScoreMode ?? "", responses, completedOn,
                    Timepoint == WellbeingTimepoints.FollowUp ? FollowUp : null), cancellationToken);
                foreach (var (field, messages) in refused)
                {
                    Errors[ScoreField(field, instrument)] = messages.FirstOrDefault() ?? "Check this answer.";
                }
            }
            catch (ServiceUnavailableException)
            {
                Refusal = "Wellbeing Metrics did not answer, so the scores were not recorded. Try again in a minute; the answers are still here.";
            }
        }

        return Errors.Count == 0 && Refusal is null
            ? Redirect($"/caseworker/cases/{id}?done=scored#scores")
            : await ShowAsync(id, cancellationToken);
    }

    /// <summary>Wellbeing Metrics names an answer <c>responses[2]</c>: the page's field for that question.</summary>
    private static string ScoreField(string field, Instrument instrument) =>
        field.StartsWith("responses[", StringComparison.Ordinal) && int.TryParse(field["responses[".Length..^1], out var index) && index < instrument.Items.Count
            ? $"answer-{instrument.Items[index].Key}"
            : field switch
            {
                "completedOn" => "completed-on",
                "timepoint" or "followUp" => "timepoint",
                "mode" => "score-mode",
                _ => "instrument",
            };
}
