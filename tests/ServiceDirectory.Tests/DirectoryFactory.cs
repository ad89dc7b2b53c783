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
}

[CollectionDefinition(Name)]
public sealed class DirectoryCollection : ICollectionFixture<DirectoryFactory>
{
    public const string Name = "directory";
}
