namespace SocialPrescribing.ServiceDirectory.Model;

/// <summary>An ORUK service, with our capacity extension (places free, places in all, wait in days).</summary>
public sealed class Service
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Organization Organization { get; set; } = null!;

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string? Url { get; set; }

    public string? Email { get; set; }

    /// <summary>active, inactive, defunct or temporarily closed.</summary>
    public string Status { get; set; } = ServiceStatus.Active;

    public string? Fees { get; set; }

    public int? MinimumAge { get; set; }

    public int? MaximumAge { get; set; }

    public List<Guid> TaxonomyTermIds { get; set; } = [];

    public string? Postcode { get; set; }

    public int CapacityAvailable { get; set; }

    public int CapacityMaximum { get; set; }

    public int WaitDays { get; set; }

    public DateTimeOffset LastModified { get; set; }
}

public static class ServiceStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Defunct = "defunct";
    public const string TemporarilyClosed = "temporarily closed";
}
