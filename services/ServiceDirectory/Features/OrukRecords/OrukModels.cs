using System.Text.Json;
using System.Text.Json.Serialization;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features.OrukRecords;

/// <summary>ORUK 3.0 responses use snake_case field names and leave out what is not known.</summary>
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

public sealed record OrukOrganization(Guid Id, string Name, string Description, string? Email, string? Website, string? Uri)
{
    public static OrukOrganization From(Organization o) => new(o.Id, o.Name, o.Description, o.Email, o.Website, o.Uri);
}

public sealed record OrukTaxonomy(Guid Id, string Name, string Description, string? Uri, string? Version)
{
    public static OrukTaxonomy From(Taxonomy t) => new(t.Id, t.Name, t.Description, t.Uri, t.Version);
}

public sealed record OrukTaxonomyTerm(Guid Id, string Code, string Name, string Description, Guid? ParentId, string Taxonomy, Guid TaxonomyId, string? TermUri, string Term)
{
    public static OrukTaxonomyTerm From(TaxonomyTerm t, string taxonomyName) =>
        new(t.Id, t.Code, t.Name, t.Description, t.ParentId, taxonomyName, t.TaxonomyId, t.TermUri, t.Name);
}

/// <summary>ORUK 3.0's link from a service to a taxonomy term (a need it meets).</summary>
public sealed record OrukAttribute(Guid Id, Guid LinkId, string LinkType, string LinkEntity, Guid TaxonomyTermId, OrukTaxonomyTerm TaxonomyTerm);

/// <summary>
/// Our extension to ORUK (the draft capacity proposal): can the service take a referral now? <c>available</c> and
/// <c>maximum</c> are null when the service has not said how many places it has: unknown, not full. <c>waitDays</c> is
/// what the provider says the wait is now, or else the median of recent acceptances; <c>paused</c>: the provider has
/// paused new referrals (they join the waiting list).
/// </summary>
public sealed record ServiceCapacity(
    [property: JsonPropertyName("available")] int? Available,
    [property: JsonPropertyName("maximum")] int? Maximum,
    [property: JsonPropertyName("waitDays")] int WaitDays,
    [property: JsonPropertyName("paused")] bool Paused = false);

/// <summary>A service as lists show it (ORUK <c>service_list</c>), with the needs it meets and, after a postcode search, how far away it is.</summary>
public record OrukServiceSummary(
    Guid Id,
    Guid OrganizationId,
    string Name,
    string? Description,
    string? Url,
    string? Email,
    string Status,
    string? Fees,
    string? Accreditations,
    int? MinimumAge,
    int? MaximumAge,
    string? AssuredDate,
    string? AssurerEmail,
    string? Alert,
    DateTimeOffset LastModified,
    OrukOrganization Organization,
    IReadOnlyList<OrukAttribute> Attributes,
    ServiceCapacity Capacity,
    ReferralHistory ReferralHistory,
    [property: JsonPropertyName("stale")] bool Stale,
    [property: JsonPropertyName("distance")] int? Distance);

/// <summary>A service with everything about it (ORUK <c>service</c>, fully nested): the list entry and more.</summary>
public sealed record OrukService(
    [property: JsonIgnore] OrukServiceSummary Summary,
    IReadOnlyList<OrukSchedule> Schedules,
    IReadOnlyList<OrukServiceArea> ServiceAreas,
    IReadOnlyList<OrukServiceAtLocation> ServiceAtLocations,
    IReadOnlyList<OrukLanguage> Languages,
    IReadOnlyList<OrukCostOption> CostOptions,
    IReadOnlyList<OrukContact> Contacts) : OrukServiceSummary(Summary);

public sealed record OrukSchedule(
    Guid Id, Guid ServiceId, string Freq, int Interval, string Byday, string? OpensAt, string? ClosesAt, string? Description, string? AttendingType);

public sealed record OrukServiceArea(Guid Id, Guid ServiceId, string Name, string? Extent, string? ExtentType);

public sealed record OrukLanguage(Guid Id, Guid ServiceId, string Name, string Code, string? Note);

public sealed record OrukCostOption(Guid Id, Guid ServiceId, string? Option, decimal? Amount, string? AmountDescription);

public sealed record OrukContact(Guid Id, Guid ServiceId, string Name, string? Title, string? Email, IReadOnlyList<OrukPhone> Phones);

public sealed record OrukPhone(Guid Id, Guid ContactId, string Number, string? Type, string? Description);

public sealed record OrukAddress(
    Guid Id, Guid LocationId, [property: JsonPropertyName("address_1")] string Address1, string City, string? Region, string StateProvince, string PostalCode, string Country, string AddressType);

public sealed record OrukAccessibility(Guid Id, Guid LocationId, string Description, string? Details);

public sealed record OrukLocation(
    Guid Id, string LocationType, string? Name, string? Description, double? Latitude, double? Longitude,
    IReadOnlyList<OrukAddress> Addresses, IReadOnlyList<OrukAccessibility> Accessibility);

/// <summary>A service at a location; in lists also the service itself and, after a postcode search, the distance.</summary>
public sealed record OrukServiceAtLocation(
    Guid Id, Guid ServiceId, Guid LocationId, string? Description, OrukLocation Location, OrukServiceSummary? Service,
    [property: JsonPropertyName("distance")] int? Distance);
