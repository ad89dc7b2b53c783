using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Persistence;

namespace SocialPrescribing.ServiceDirectory.Infrastructure;

internal sealed class DirectoryDbContextFactory : DesignTimeDbContextFactory<DirectoryDbContext>
{
    protected override DirectoryDbContext Create(DbContextOptions<DirectoryDbContext> options) => new(options);
}
