using System.Text.Json.Serialization;

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Import;

// What an ORUK 3.0 service record may carry, read after it has passed the schema. Everything is
// optional here; the schema and OrukImport's checks say what must be there and why.

public sealed record ServiceInput
{
    public Guid Id { get; init; }

    public Guid? OrganizationId { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public string? Email { get; init; }

    public string? Status { get; init; }

    public string? Fees { get; init; }

    public string? Accreditations { get; init; }

    public double? MinimumAge { get; init; }

    public double? MaximumAge { get; init; }

    public string? AssuredDate { get; init; }

    public string? AssurerEmail { get; init; }

    public string? Alert { get; init; }

    public OrganizationInput? Organization { get; init; }

    public List<AttributeInput>? Attributes { get; init; }

    public List<ScheduleInput>? Schedules { get; init; }

    public List<ServiceAreaInput>? ServiceAreas { get; init; }

    public List<LanguageInput>? Languages { get; init; }

    public List<CostOptionInput>? CostOptions { get; init; }

    public List<ContactInput>? Contacts { get; init; }

    public List<ServiceAtLocationInput>? ServiceAtLocations { get; init; }

    /// <summary>Our extension: how many places the service has (the free places are the inbox's to count).</summary>
    [JsonPropertyName("capacity")]
    public CapacityInput? Capacity { get; init; }
}

public sealed record CapacityInput([property: JsonPropertyName("maximum")] int? Maximum);

public sealed record OrganizationInput
{
    public Guid Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Email { get; init; }

    public string? Website { get; init; }

    public string? Uri { get; init; }
}

public sealed record AttributeInput
{
    public Guid Id { get; init; }

    public Guid? TaxonomyTermId { get; init; }

    public TaxonomyTermInput? TaxonomyTerm { get; init; }
}

/// <summary>A term as another directory names it: matched to our needs by id, by need code, or by name.</summary>
public sealed record TaxonomyTermInput
{
    public Guid? Id { get; init; }

    public string? Code { get; init; }

    public string? Name { get; init; }

    /// <summary>HSDS 3: the vocabulary's name (<c>taxonomy</c>) or record (<c>taxonomy_detail</c>); ORUK: <c>taxonomy_id</c>.</summary>
    public string? Taxonomy { get; init; }

    public Guid? TaxonomyId { get; init; }

    public TaxonomyDetailInput? TaxonomyDetail { get; init; }
}

public sealed record TaxonomyDetailInput
{
    public string? Name { get; init; }
}

public sealed record ScheduleInput
{
    public Guid Id { get; init; }

    public string? Freq { get; init; }

    public double? Interval { get; init; }

    public string? Byday { get; init; }

    public string? OpensAt { get; init; }

    public string? ClosesAt { get; init; }

    public string? Description { get; init; }

    public string? AttendingType { get; init; }
}

public sealed record ServiceAreaInput
{
    public Guid Id { get; init; }

    public string? Name { get; init; }

    public string? Extent { get; init; }

    public string? ExtentType { get; init; }
}

public sealed record LanguageInput
{
    public Guid Id { get; init; }

    public string? Name { get; init; }

    public string? Code { get; init; }

    public string? Note { get; init; }
}

public sealed record CostOptionInput
{
    public Guid Id { get; init; }

    public string? Option { get; init; }

    public decimal? Amount { get; init; }

    public string? AmountDescription { get; init; }
}

public sealed record ContactInput
{
    public Guid Id { get; init; }

    public string? Name { get; init; }

    public string? Title { get; init; }

    public string? Email { get; init; }

    public List<PhoneInput>? Phones { get; init; }
}

public sealed record PhoneInput
{
    public Guid Id { get; init; }

    public string? Number { get; init; }

    public string? Type { get; init; }

    public string? Description { get; init; }
}

public sealed record ServiceAtLocationInput
{
    public Guid Id { get; init; }

    public Guid? LocationId { get; init; }

    public string? Description { get; init; }

    public LocationInput? Location { get; init; }
}

public sealed record LocationInput
{
    public Guid Id { get; init; }

    public string? LocationType { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public List<AddressInput>? Addresses { get; init; }

    public List<AccessibilityInput>? Accessibility { get; init; }
}

public sealed record AddressInput
{
    public Guid Id { get; init; }

    [JsonPropertyName("address_1")]
    public string? Address1 { get; init; }

    public string? City { get; init; }

    public string? Region { get; init; }

    public string? StateProvince { get; init; }

    public string? PostalCode { get; init; }

    public string? Country { get; init; }

    public string? AddressType { get; init; }
}

public sealed record AccessibilityInput
{
    public Guid Id { get; init; }

    public string? Description { get; init; }

    public string? Details { get; init; }
}
