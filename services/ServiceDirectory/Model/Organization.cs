namespace SocialPrescribing.ServiceDirectory.Model;

/// <summary>An ORUK organization: whoever runs one or more services.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string? Website { get; set; }

    public string? Email { get; set; }

    public string? Uri { get; set; }

    /// <summary>
    /// The organisation's ORUK record as it was last written (imported or edited), JSON: what the directory does not model
    /// (identifiers, logo, funding, programmes…) is kept here and given back with what it does (<see cref="OrukSource"/>).
    /// </summary>
    public string? Source { get; set; }

    public List<Service> Services { get; set; } = [];
}
