using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Persistence;
using SocialPrescribing.TestSupport;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.Tests;

[Collection(WellbeingCollection.Name)]
public sealed class AuditTrailProtectionTests(WellbeingFactory factory) : AuditTrailProtectionTests<Program>(factory, "/api/wellbeing")
{
    protected override string RuntimeConnectionString =>
        factory.Services.GetRequiredService<ServiceDatabase<WellbeingDbContext>>().Role.RuntimeConnectionString;
}
