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

[CollectionDefinition(Name)]
public sealed class DirectoryCollection : ICollectionFixture<DirectoryFactory>
{
    public const string Name = "directory";
}
