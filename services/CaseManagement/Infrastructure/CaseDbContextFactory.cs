using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Persistence;

namespace SocialPrescribing.CaseManagement.Infrastructure;

internal sealed class CaseDbContextFactory : DesignTimeDbContextFactory<CaseDbContext>
{
    protected override CaseDbContext Create(DbContextOptions<CaseDbContext> options) => new(options);
}
