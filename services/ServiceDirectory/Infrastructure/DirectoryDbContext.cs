using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Persistence;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure;

public sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<Taxonomy> Taxonomies => Set<Taxonomy>();

    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Organization>(b =>
        {
            b.ToTable("organizations");
            b.Property(o => o.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<Service>(b =>
        {
            b.ToTable("services");
            b.Property(s => s.Name).HasMaxLength(200);
            b.Property(s => s.Status).HasMaxLength(32);
            b.Property(s => s.Postcode).HasMaxLength(8);
            b.HasIndex(s => s.Name);
            b.HasOne(s => s.Organization).WithMany().HasForeignKey(s => s.OrganizationId);
        });
        modelBuilder.Entity<Taxonomy>(b => b.ToTable("taxonomies"));
        modelBuilder.Entity<TaxonomyTerm>(b =>
        {
            b.ToTable("taxonomy_terms");
            b.HasIndex(t => t.Code).IsUnique();
            b.Property(t => t.Code).HasMaxLength(64);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
