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
