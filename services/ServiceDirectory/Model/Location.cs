namespace SocialPrescribing.ServiceDirectory.Model;

/// <summary>Where a service happens: a physical place (with an address and a point) or virtual.</summary>
public sealed class Location
{
    public Guid Id { get; set; }

    public Guid? OrganizationId { get; set; }

    /// <summary>physical, postal or virtual.</summary>
    public string LocationType { get; set; } = "physical";

    public string? Name { get; set; }

    public string? Description { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public List<Address> Addresses { get; set; } = [];

    public List<Accessibility> Accessibility { get; set; } = [];
}

public sealed class Address
{
    public Guid Id { get; set; }

    public Guid LocationId { get; set; }

    public string Address1 { get; set; } = "";

    public string City { get; set; } = "";

    public string? Region { get; set; }

    public string StateProvince { get; set; } = "";

    public string PostalCode { get; set; } = "";

    public string Country { get; set; } = "GB";

    /// <summary>physical, postal or virtual.</summary>
    public string AddressType { get; set; } = "physical";
}

/// <summary>What a place offers for access (step-free, hearing loop, accessible toilet).</summary>
public sealed class Accessibility
{
    public Guid Id { get; set; }

    public Guid LocationId { get; set; }

    public string Description { get; set; } = "";

    public string? Details { get; set; }
}

/// <summary>A service offered at a location.</summary>
public sealed class ServiceAtLocation
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public Service Service { get; set; } = null!;

    public Guid LocationId { get; set; }

    public Location Location { get; set; } = null!;

    public string? Description { get; set; }
}
