using System.Text.Json;

namespace SocialPrescribing.CaseManagement.Infrastructure;

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

/// <summary>Places free and in all (null: the service has not said — unknown, not full) and the usual wait.</summary>
public sealed record DirectoryCapacity(int? Available, int? Maximum, int WaitDays, bool Paused = false)
{
    /// <summary>In words, for the link worker choosing a service.</summary>
    public string Words => Paused ? "new referrals paused: the person would join the waiting list" : Available switch
    {
        null => "places not known: ask the service",
        > 0 => $"{Available} places free",
        _ => $"waiting list, about {WaitDays} days",
    };
}
