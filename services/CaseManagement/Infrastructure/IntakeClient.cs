using System.Net;
using System.Text.Json;

namespace SocialPrescribing.CaseManagement.Infrastructure;

/// <summary>Referral Intake: the person's details for their link worker.</summary>
public sealed class IntakeClient(HttpClient http)
{
    public async Task<PersonDetails?> PersonAsync(Guid referralId, CancellationToken cancellationToken)
    {
        using var response = await Call("Referral Intake", () => http.GetAsync($"/api/referrals/{referralId}/person", cancellationToken));
        return response.StatusCode == HttpStatusCode.NotFound ? null : await Read<PersonDetails>(response, "Referral Intake", cancellationToken);
    }

    /// <summary>The names of the people the given referrals are about, those the caller may read (at most 100 ids a call).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> referralIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var chunk in referralIds.Distinct().Chunk(100))
        {
            var query = string.Join('&', chunk.Select(id => $"id={id}"));
            using var response = await Call("Referral Intake", () => http.GetAsync($"/api/referrals/names?{query}", cancellationToken));
            foreach (var name in await Read<List<ReferralName>>(response, "Referral Intake", cancellationToken))
            {
                names[name.ReferralId] = $"{name.GivenName} {name.FamilyName}";
            }
        }

        return names;
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
    ReferrerDetails? Referrer, DateTimeOffset SubmittedAt)
{
    /// <summary>The person's record at Intake (one for all their referrals).</summary>
    public Guid PersonId { get; init; }

    /// <summary>The person withdrew consent to share with community providers.</summary>
    public bool ProviderConsentWithdrawn { get; init; }

    /// <summary>The person's other episodes: "referred before: 2025-03, closed at Outcomes".</summary>
    public IReadOnlyList<EpisodeDetails> OtherEpisodes { get; init; } = [];

    /// <summary>What a clinical system said when it sent the referral (FHIR), as it sent it.</summary>
    public SenderSaid? Sender { get; init; }
}

/// <summary>A FHIR sender's own details of the referral: when written, priority, its instruction to the person, coded reasons, the referrer's phone.</summary>
public sealed record SenderSaid(string? AuthoredOn, string? Priority, string? PatientInstruction, IReadOnlyList<SenderReasonSaid> Reasons, string? ReferrerPhone)
{
    /// <summary>What Intake set aside on the way in, for the link worker to check.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One reason as the sender coded (system, code, display) or wrote it.</summary>
public sealed record SenderReasonSaid(string? System, string? Code, string? Display, string? Text)
{
    /// <summary>"Loneliness (SNOMED CT 1234): lives alone", as far as the sender said it.</summary>
    public string Words
    {
        get
        {
            var coded = Code is null ? Display : $"{Display ?? "Code"} ({(System == "http://snomed.info/sct" ? "SNOMED CT" : System ?? "code")} {Code})";
            return string.Join(": ", new[] { coded, Text }.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct());
        }
    }
}

public sealed record EpisodeDetails(Guid ReferralId, string Reference, DateTimeOffset SubmittedAt, string Status, Guid? CaseId, string? ClosedOutcome, DateTimeOffset? ClosedAt);

/// <summary>Whom a referral is about, by name.</summary>
public sealed record ReferralName(Guid ReferralId, string GivenName, string FamilyName);

public sealed record ReferrerDetails(string Name, string? Role, string? Organisation, string? Email);
