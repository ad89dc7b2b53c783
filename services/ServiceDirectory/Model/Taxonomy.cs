namespace SocialPrescribing.ServiceDirectory.Model;

public sealed class Taxonomy
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string? Uri { get; set; }

    public string? Version { get; set; }
}

public sealed class TaxonomyTerm
{
    public Guid Id { get; set; }

    public Guid TaxonomyId { get; set; }

    public Taxonomy Taxonomy { get; set; } = null!;

    /// <summary>Our need code (loneliness, money, …), so referrals and the directory speak alike.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public Guid? ParentId { get; set; }

    public string? TermUri { get; set; }
}
