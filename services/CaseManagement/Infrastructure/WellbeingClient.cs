using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialPrescribing.CaseManagement.Infrastructure;

/// <summary>Wellbeing Metrics: the questionnaires, recording one for the case, and the case's scores with their explanation.</summary>
public sealed class WellbeingClient(HttpClient http)
{
    private const string Service = "Wellbeing Metrics";

    /// <summary>How long the questionnaires are kept here: they change when an admin adds one.</summary>
    private static readonly TimeSpan KeepInstruments = TimeSpan.FromMinutes(5);

    private static CachedInstruments? _instruments;

    public async Task<IReadOnlyList<Instrument>> InstrumentsAsync(CancellationToken cancellationToken)
    {
        if (_instruments is { } cached && cached.Until > DateTimeOffset.UtcNow)
        {
            return cached.List;
        }

        using var response = await IntakeClient.Call(Service, () => http.GetAsync("/api/wellbeing/instruments", cancellationToken));
        var list = await IntakeClient.Read<List<Instrument>>(response, Service, cancellationToken);
        _instruments = new CachedInstruments(DateTimeOffset.UtcNow + KeepInstruments, list);
        return list;
    }

    private sealed record CachedInstruments(DateTimeOffset Until, IReadOnlyList<Instrument> List);

    /// <summary>Records a questionnaire; returns the field errors Wellbeing Metrics gave (empty when recorded).</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> RecordAsync(AssessmentToRecord assessment, CancellationToken cancellationToken)
    {
        using var response = await IntakeClient.Call(Service, () => http.PostAsJsonAsync("/api/wellbeing/assessments", assessment, JsonSerializerOptions.Web, cancellationToken));
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(JsonSerializerOptions.Web, cancellationToken);
            return problem?.Errors ?? new Dictionary<string, string[]> { ["$"] = [problem?.Detail ?? problem?.Title ?? "Wellbeing Metrics refused the scores."] };
        }

        await IntakeClient.Read<JsonElement>(response, Service, cancellationToken);
        return new Dictionary<string, string[]>();
    }

    /// <summary>The case's progress per questionnaire (empty when none is recorded yet).</summary>
    public async Task<IReadOnlyList<InstrumentSummary>> ProgressAsync(Guid caseId, CancellationToken cancellationToken)
    {
        using var response = await IntakeClient.Call(Service, () => http.GetAsync($"/api/wellbeing/cases/{caseId}", cancellationToken));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        return (await IntakeClient.Read<CaseProgress>(response, Service, cancellationToken)).Instruments;
    }

    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    private sealed record CaseProgress(IReadOnlyList<InstrumentSummary> Instruments);
}

public sealed record Instrument(string Id, string Name, string Description, IReadOnlyList<InstrumentQuestion> Items, IReadOnlyList<InstrumentAnswer> ResponseOptions, string? Licence);

public sealed record InstrumentQuestion(int Number, string Key, string Text, int Min, int Max, string? LowLabel, string? HighLabel);

public sealed record InstrumentAnswer(int Value, string Label);

public sealed record AssessmentToRecord(
    Guid CaseId, string Instrument, string Timepoint, string Mode, IReadOnlyList<int> Responses, DateOnly CompletedOn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FollowUp = null);

public sealed record InstrumentSummary(string Instrument, string Name, ScoreSummary? Baseline, ScoreSummary Latest, decimal? Change, string? Band, string Explanation);

public sealed record ScoreSummary(string Timepoint, int? FollowUp, DateOnly CompletedOn, decimal? Value, string? Band);
