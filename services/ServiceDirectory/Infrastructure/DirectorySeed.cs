using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure;

/// <summary>Loads the demonstration directory (Infrastructure/Seed) into an empty database.</summary>
internal static class DirectorySeed
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static async Task SeedAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Services.AnyAsync(cancellationToken))
        {
            return;
        }

        await using var stream = typeof(DirectorySeed).Assembly.GetManifestResourceStream("directory-seed.json")
                                 ?? throw new InvalidOperationException("The directory seed is missing from the build.");
        var seed = await JsonSerializer.DeserializeAsync<SeedFile>(stream, Options, cancellationToken)
                   ?? throw new InvalidOperationException("The directory seed is empty.");

        var now = DateTimeOffset.UtcNow;
        db.Taxonomies.Add(new Taxonomy
        {
            Id = seed.Taxonomy.Id, Name = seed.Taxonomy.Name, Description = seed.Taxonomy.Description,
            Uri = seed.Taxonomy.Uri, Version = seed.Taxonomy.Version,
        });
        db.TaxonomyTerms.AddRange(seed.TaxonomyTerms.Select(t => new TaxonomyTerm
        {
            Id = t.Id, TaxonomyId = seed.Taxonomy.Id, Code = t.Code, Name = t.Name, Description = t.Name,
        }));
        db.Organizations.AddRange(seed.Organizations.Select(o => new Organization
        {
            Id = o.Id, Name = o.Name, Description = o.Description, Website = o.Website, Email = o.Email,
        }));
        var termIds = seed.TaxonomyTerms.ToDictionary(t => t.Code, t => t.Id, StringComparer.Ordinal);
        db.Services.AddRange(seed.Services.Select(s => new Service
        {
            Id = s.Id,
            OrganizationId = s.OrganizationId,
            Name = s.Name,
            Description = s.Description,
            Url = s.Url,
            Email = s.Email,
            Status = s.Status,
            Fees = s.FeesDescription,
            MinimumAge = s.MinimumAge,
            MaximumAge = s.MaximumAge,
            TaxonomyTermIds = [.. s.TaxonomyTerms.Select(code => termIds[code])],
            Postcode = s.Postcode,
            CapacityAvailable = s.Capacity.Available,
            CapacityMaximum = s.Capacity.Maximum,
            WaitDays = s.Capacity.WaitDays,
            LastModified = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record SeedFile(
        SeedTaxonomy Taxonomy, List<SeedTerm> TaxonomyTerms, List<SeedOrganization> Organizations, List<SeedService> Services);

    private sealed record SeedTaxonomy(Guid Id, string Name, string Description, string? Uri, string? Version);

    private sealed record SeedTerm(Guid Id, string Code, string Name);

    private sealed record SeedOrganization(Guid Id, string Name, string? Description, string? Website, string? Email);

    private sealed record SeedService(
        Guid Id, Guid OrganizationId, string Name, string? Description, string? Url, string? Email, string Status,
        string? FeesDescription, int? MinimumAge, int? MaximumAge, List<string> TaxonomyTerms, SeedCapacity Capacity, string? Postcode);

    private sealed record SeedCapacity(
        int Available, int Maximum, [property: JsonPropertyName("waitDays")] int WaitDays);
}
