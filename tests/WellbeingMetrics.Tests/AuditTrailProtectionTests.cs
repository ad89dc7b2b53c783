using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Persistence;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.WellbeingMetrics.Tests;

[Collection(WellbeingCollection.Name)]
public sealed class AuditTrailProtectionTests(WellbeingFactory factory) : AuditTrailProtectionTests<Program>(factory, "/api/wellbeing")
{
    protected override string RuntimeConnectionString =>
        factory.Services.GetRequiredService<ServiceDatabase<WellbeingDbContext>>().Role.RuntimeConnectionString;
}
