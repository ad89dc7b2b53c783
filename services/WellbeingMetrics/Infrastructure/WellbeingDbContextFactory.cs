using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Persistence;

namespace SocialPrescribing.WellbeingMetrics.Infrastructure;

internal sealed class WellbeingDbContextFactory : DesignTimeDbContextFactory<WellbeingDbContext>
{
    protected override WellbeingDbContext Create(DbContextOptions<WellbeingDbContext> options) => new(options);
}
