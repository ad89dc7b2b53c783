using SocialPrescribing.TestSupport;

namespace SocialPrescribing.WellbeingMetrics.Tests;

public sealed class WellbeingFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.WellbeingDb;

    protected override IReadOnlyList<string> SeededTables => ["instruments"];
}

[CollectionDefinition(Name)]
public sealed class WellbeingCollection : ICollectionFixture<WellbeingFactory>
{
    public const string Name = "wellbeing";
}
