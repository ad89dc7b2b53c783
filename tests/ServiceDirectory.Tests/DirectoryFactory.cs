using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

public sealed class DirectoryFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.DirectoryDb;

    protected override IReadOnlyList<string> SeededTables => ["organizations", "services", "taxonomies", "taxonomy_terms"];
}

[CollectionDefinition(Name)]
public sealed class DirectoryCollection : ICollectionFixture<DirectoryFactory>
{
    public const string Name = "directory";
}
