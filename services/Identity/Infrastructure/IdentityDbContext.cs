using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Identity.Model;

namespace SocialPrescribing.Identity.Infrastructure;

public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();


    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ApplicationUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.Team).HasMaxLength(100);
        });
        builder.Entity<SigningKey>(b =>
        {
            b.ToTable("signing_keys");
            b.Property(k => k.Use).HasMaxLength(16);
            b.Property(k => k.Protection).HasMaxLength(32).HasDefaultValue("none");
        });
        builder.Entity<SignInFailure>(b =>
        {
            b.ToTable("sign_in_failures");
            b.Property(f => f.Key).HasMaxLength(40);
            b.HasIndex(f => new { f.Key, f.OccurredAt });
            b.HasIndex(f => f.OccurredAt);
        });
        builder.UseOpenIddict();
    }
}
