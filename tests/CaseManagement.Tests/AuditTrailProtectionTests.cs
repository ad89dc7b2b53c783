using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Persistence;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

[Collection(CaseCollection.Name)]
public sealed class AuditTrailProtectionTests(CaseFactory factory) : AuditTrailProtectionTests<Program>(factory, "/api/cases")
{
    protected override string RuntimeConnectionString =>
        factory.Services.GetRequiredService<ServiceDatabase<CaseDbContext>>().Role.RuntimeConnectionString;
}
