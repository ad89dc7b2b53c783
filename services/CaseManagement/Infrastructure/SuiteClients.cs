using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialPrescribing.CaseManagement.Infrastructure;

/// <summary>The other services the link worker's screens use; when one is down the screen says so and carries on.</summary>
public sealed class ServiceUnavailableException(string service, Exception? inner = null)
    : Exception($"{service} did not answer.", inner);

/// <summary>Referral Intake: the person's details for their link worker.</summary>
public sealed class IntakeClient(HttpClient http)
{
    public async Task<PersonDetails?> PersonAsync(Guid referralId, CancellationToken cancellationToken)
    {
        using var response = await Call("Referral Intake", () => http.GetAsync($"/api/referrals/{referralId}/person", cancellationToken));
        return response.StatusCode == HttpStatusCode.NotFound ? null : await Read<PersonDetails>(response, "Referral Intake", cancellationToken);
    }

    internal static async Task<HttpResponseMessage> Call(string service, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or InvalidOperationException
                                       or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new ServiceUnavailableException(service, ex);
        }
    }

    internal static async Task<T> Read<T>(HttpResponseMessage response, string service, CancellationToken cancellationToken, JsonSerializerOptions? options = null)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ServiceUnavailableException(service, new HttpRequestException($"{(int)response.StatusCode}"));
        }

        return await response.Content.ReadFromJsonAsync<T>(options ?? JsonSerializerOptions.Web, cancellationToken)
               ?? throw new ServiceUnavailableException(service);
    }
}

public sealed record PersonDetails(
    Guid Id, string Reference, string GivenName, string FamilyName, DateOnly DateOfBirth, string Postcode, string? Phone, string? Email, string? NhsNumber,
    string? PreferredContact, IReadOnlyList<string> Needs, string? Reason, bool HarmToSelf, bool HarmToOthers, bool InCrisis, string ShareWithGp,
    ReferrerDetails? Referrer, DateTimeOffset SubmittedAt);

public sealed record ReferrerDetails(string Name, string? Role, string? Organisation, string? Email);

/// <summary>The Service Directory's open search, near the person's postcode district.</summary>
public sealed class DirectoryClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Oruk = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public const int PageSize = 10;

    public async Task<DirectoryResults> SearchAsync(string? text, string? need, string? area, CancellationToken cancellationToken)
    {
        var query = new List<string> { $"per_page={PageSize}" };
        if (!string.IsNullOrWhiteSpace(text))
        {
            query.Add($"search={Uri.EscapeDataString(text.Trim())}");
        }

        if (!string.IsNullOrWhiteSpace(need))
        {
            query.Add($"taxonomy_term_id={Uri.EscapeDataString(need)}");
        }

        if (!string.IsNullOrWhiteSpace(area))
        {
            query.Add($"postcode={Uri.EscapeDataString(area)}");
        }

        using var response = await IntakeClient.Call("The service directory", () => http.GetAsync($"/api/directory/services?{string.Join('&', query)}", cancellationToken));
        return await IntakeClient.Read<DirectoryResults>(response, "The service directory", cancellationToken, Oruk);
    }
}

public sealed record DirectoryResults(int TotalItems, IReadOnlyList<DirectoryService> Contents);

public sealed record DirectoryService(
    Guid Id, string Name, string? Description, string? Alert, DirectoryOrganization Organization, DirectoryCapacity Capacity, int? Distance, bool Stale);

public sealed record DirectoryOrganization(Guid Id, string Name);

public sealed record DirectoryCapacity(int Available, int Maximum, int WaitDays);

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
