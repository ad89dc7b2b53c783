using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Persistence;

namespace SocialPrescribing.Identity.Infrastructure;

internal sealed class IdentityDbContextFactory : DesignTimeDbContextFactory<IdentityDbContext>
{
    /// <summary>With the service's Identity options, so migrations see schema version 3 (passkeys) as the running service does.</summary>
    protected override IdentityDbContext Create(DbContextOptions<IdentityDbContext> options)
    {
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .BuildServiceProvider();
        return new(new DbContextOptionsBuilder<IdentityDbContext>(options).UseApplicationServiceProvider(services).Options);
    }
}
