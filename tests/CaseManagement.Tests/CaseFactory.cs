using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

public sealed class CaseFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.CaseDb;
}

[CollectionDefinition(Name)]
public sealed class CaseCollection : ICollectionFixture<CaseFactory>
{
    public const string Name = "cases";
}
