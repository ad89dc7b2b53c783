using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

public sealed class DirectoryFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.DirectoryDb;

    // The needs taxonomy and the demonstration directory, loaded at start-up, stay between tests.
    protected override IReadOnlyList<string> SeededTables =>
    [
        "organizations", "services", "attributes", "schedules", "service_areas", "languages", "cost_options", "contacts", "phones",
        "locations", "addresses", "accessibility", "service_at_locations", "taxonomies", "taxonomy_terms",
    ];

    /// <summary>Takes out what a test added to the shared directory: these organisations, their services and places.</summary>
    public async Task<T> QueryAsync<T>(Func<DirectoryDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DirectoryDbContext>());
    }

    /// <summary>
    /// A new organisation running one active service (places as given, meeting on Mondays in Leeds) for a test to change
    /// as it likes; remove it with <see cref="RemoveOrganizationsAsync"/>.
    /// </summary>
    public async Task<Model.Service> AddServiceAsync(string name, int? maximum, int? available)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var organization = new Model.Organization { Id = Guid.NewGuid(), Name = $"Test Keepers {Guid.NewGuid():N}"[..24], Description = "Kept by a test." };
        var service = new Model.Service
        {
            Id = Guid.NewGuid(), OrganizationId = organization.Id, Name = name, Description = "Made by a test.", CapacityMaximum = maximum,
            CapacityAvailable = available, AssuredDate = new DateOnly(2025, 1, 1), LastModified = DateTimeOffset.UtcNow,
            Schedules = [new Model.Schedule { Id = Guid.NewGuid(), ByDay = "MO", OpensAt = new TimeOnly(10, 0), ClosesAt = new TimeOnly(12, 0) }],
        };
        db.Organizations.Add(organization);
        db.Services.Add(service);
        await db.SaveChangesAsync();
        return service;
    }

    public async Task RemoveOrganizationsAsync(IReadOnlyCollection<Guid> organizations)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var locations = await db.ServiceAtLocations.Where(l => organizations.Contains(l.Service.OrganizationId)).Select(l => l.LocationId).ToListAsync();
        await db.Services.Where(s => organizations.Contains(s.OrganizationId)).ExecuteDeleteAsync();
        await db.Locations.Where(l => locations.Contains(l.Id)).ExecuteDeleteAsync();
        await db.Organizations.Where(o => organizations.Contains(o.Id)).ExecuteDeleteAsync();
    }
}

/// <summary>The services one test made to keep as it likes, each under its own organisation, removed when the test ends.</summary>
public sealed class OwnServices(DirectoryFactory factory)
{
    private readonly List<Guid> _organizations = [];

    public async Task<Model.Service> AddAsync(string name, int? maximum = 10, int? available = 4)
    {
        var service = await factory.AddServiceAsync(name, maximum, available);
        _organizations.Add(service.OrganizationId);
        return service;
    }

    public Task RemoveAsync() => factory.RemoveOrganizationsAsync(_organizations);
}

[CollectionDefinition(Name)]
public sealed class DirectoryCollection : ICollectionFixture<DirectoryFactory>
{
    public const string Name = "directory";
}
