using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Persistence;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

[Collection(DirectoryCollection.Name)]
public sealed class AuditTrailProtectionTests(DirectoryFactory factory) : AuditTrailProtectionTests<Program>(factory, "/api/directory")
{
    protected override string RuntimeConnectionString =>
        factory.Services.GetRequiredService<ServiceDatabase<DirectoryDbContext>>().Role.RuntimeConnectionString;
}
