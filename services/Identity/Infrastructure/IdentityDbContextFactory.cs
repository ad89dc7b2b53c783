using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Persistence;

namespace SocialPrescribing.Identity.Infrastructure;

internal sealed class IdentityDbContextFactory : DesignTimeDbContextFactory<IdentityDbContext>
{
    protected override IdentityDbContext Create(DbContextOptions<IdentityDbContext> options) => new(options);
}
