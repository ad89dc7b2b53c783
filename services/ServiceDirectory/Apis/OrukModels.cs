using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialPrescribing.ServiceDirectory.Apis;

/// <summary>ORUK 3.0 responses use snake_case field names.</summary>
internal static class Oruk
{
    public const string Version = "3.0";
    public const string Profile = "https://openreferral.github.io/specification/profiles/oruk/";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The ORUK page wrapper around every list.</summary>
public sealed record OrukPage<T>(
    int TotalItems, int TotalPages, int PageNumber, int Size, bool FirstPage, bool LastPage, bool Empty, IReadOnlyList<T> Contents)
{
    public static OrukPage<T> Of(IReadOnlyList<T> contents, int totalItems, int pageNumber, int perPage)
    {
        var totalPages = (totalItems + perPage - 1) / perPage;
        return new OrukPage<T>(totalItems, totalPages, pageNumber, contents.Count, pageNumber == 1,
            pageNumber >= totalPages, contents.Count == 0, contents);
    }
}

public sealed record OrukRoot(string Version, string Profile, string OpenapiUrl);

public sealed record OrukOrganization(Guid Id, string Name, string? Description, string? Email, string? Website);

public sealed record OrukService(
    Guid Id,
    Guid OrganizationId,
    string Name,
    string? Description,
    string? Url,
    string? Email,
    string Status,
    string? Fees,
    int? MinimumAge,
    int? MaximumAge,
    DateTimeOffset LastModified,
    OrukOrganization Organization,
    ServiceCapacity Capacity);

/// <summary>Our extension to ORUK (the draft capacity proposal): can the service take a referral now?</summary>
public sealed record ServiceCapacity(
    [property: JsonPropertyName("available")] int Available,
    [property: JsonPropertyName("maximum")] int Maximum,
    [property: JsonPropertyName("waitDays")] int WaitDays);
