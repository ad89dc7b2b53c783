using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Persistence;

namespace SocialPrescribing.ReferralIntake.Infrastructure;

internal sealed class ReferralDbContextFactory : DesignTimeDbContextFactory<ReferralDbContext>
{
    protected override ReferralDbContext Create(DbContextOptions<ReferralDbContext> options) => new(options);
}
