using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure;

/// <summary>The directory in ORUK 3.0's shape: one table per ORUK entity, snake_case as in the standard.</summary>
public sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<Location> Locations => Set<Location>();

    public DbSet<ServiceAtLocation> ServiceAtLocations => Set<ServiceAtLocation>();

    public DbSet<Taxonomy> Taxonomies => Set<Taxonomy>();

    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();

    public DbSet<ProviderReferral> ProviderReferrals => Set<ProviderReferral>();

    public DbSet<ListingConfirmation> ListingConfirmations => Set<ListingConfirmation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ListingConfirmation>(b =>
        {
            b.ToTable("listing_confirmations");
            b.HasKey(c => c.Id);
            b.HasIndex(c => c.TokenHash).IsUnique();
            b.HasIndex(c => new { c.ServiceId, c.CreatedAt });
            b.Property(c => c.TokenHash).HasMaxLength(64);
            b.Property(c => c.Outcome).HasMaxLength(16);
            b.Property(c => c.Changes).HasMaxLength(4000);
            b.HasOne<Service>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Organization>(b =>
        {
            b.ToTable("organizations");
            b.Property(o => o.Name).HasMaxLength(200);
            b.Property(o => o.Description).HasMaxLength(4000);
            b.Property(o => o.Source).HasColumnType("jsonb");
            b.HasMany(o => o.Services).WithOne(s => s.Organization).HasForeignKey(s => s.OrganizationId);
        });
        modelBuilder.Entity<Service>(b =>
        {
            b.ToTable("services");
            b.Property(s => s.Name).HasMaxLength(200);
            b.Property(s => s.Description).HasMaxLength(4000);
            b.Property(s => s.Status).HasMaxLength(32);
            b.Property(s => s.Source).HasColumnType("jsonb");
            b.Property(s => s.UnmappedTerms).HasColumnType("jsonb").HasConversion(
                terms => System.Text.Json.JsonSerializer.Serialize(terms, System.Text.Json.JsonSerializerOptions.Web),
                json => System.Text.Json.JsonSerializer.Deserialize<List<UnmappedTerm>>(json, System.Text.Json.JsonSerializerOptions.Web) ?? new List<UnmappedTerm>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<UnmappedTerm>>(
                    (a, b) => a!.SequenceEqual(b!), terms => terms.Aggregate(0, (hash, t) => HashCode.Combine(hash, t)), terms => terms.ToList()));
            b.HasIndex(s => s.Name);
            b.HasIndex(s => s.Status);
            b.HasGeneratedTsVectorColumn(s => s.SearchVector, "english", s => new { s.Name, s.Description })
                .HasIndex(s => s.SearchVector).HasMethod("GIN");
            b.HasMany(s => s.Attributes).WithOne().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(s => s.ServiceAtLocations).WithOne(l => l.Service).HasForeignKey(l => l.ServiceId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(s => s.Schedules).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(s => s.ServiceAreas).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(s => s.Languages).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(s => s.CostOptions).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(s => s.Contacts).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ServiceAttribute>(b =>
        {
            b.ToTable("attributes");
            b.HasIndex(a => new { a.TaxonomyTermId, a.ServiceId });
            b.HasOne(a => a.TaxonomyTerm).WithMany().HasForeignKey(a => a.TaxonomyTermId);
        });
        modelBuilder.Entity<Schedule>(b =>
        {
            b.ToTable("schedules");
            b.Property(s => s.Freq).HasMaxLength(16);
            b.Property(s => s.ByDay).HasMaxLength(64);
        });
        modelBuilder.Entity<ServiceArea>(b => b.ToTable("service_areas"));
        modelBuilder.Entity<Language>(b => b.ToTable("languages"));
        modelBuilder.Entity<CostOption>(b => b.ToTable("cost_options").Property(c => c.Amount).HasPrecision(10, 2));
        modelBuilder.Entity<Contact>(b =>
        {
            b.ToTable("contacts");
            b.HasMany(c => c.Phones).WithOne().HasForeignKey(p => p.ContactId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Phone>(b => b.ToTable("phones"));
        modelBuilder.Entity<Location>(b =>
        {
            b.ToTable("locations");
            b.HasIndex(l => new { l.Latitude, l.Longitude });
            b.HasMany(l => l.Addresses).WithOne().HasForeignKey(a => a.LocationId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(l => l.Accessibility).WithOne().HasForeignKey(a => a.LocationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Address>(b => b.ToTable("addresses"));
        modelBuilder.Entity<Accessibility>(b => b.ToTable("accessibility"));
        modelBuilder.Entity<ServiceAtLocation>(b =>
        {
            b.ToTable("service_at_locations");
            b.HasOne(l => l.Location).WithMany().HasForeignKey(l => l.LocationId);
        });
        modelBuilder.Entity<Taxonomy>(b => b.ToTable("taxonomies"));
        modelBuilder.Entity<TaxonomyTerm>(b =>
        {
            b.ToTable("taxonomy_terms");
            b.HasIndex(t => t.Code).IsUnique();
            b.Property(t => t.Code).HasMaxLength(64);
            b.HasOne(t => t.Taxonomy).WithMany().HasForeignKey(t => t.TaxonomyId);
        });
        modelBuilder.Entity<ProviderReferral>(b =>
        {
            b.ToTable("provider_referrals");
            b.HasIndex(r => new { r.OrganizationId, r.Status, r.ReceivedAt });
            b.HasIndex(r => new { r.ServiceId, r.Status, r.AnsweredAt });
            b.HasIndex(r => new { r.Status, r.ReceivedAt });
            b.Property(r => r.Status).HasMaxLength(16);
            b.Property(r => r.CaseReference).HasMaxLength(32);
            b.Property(r => r.PersonGivenName).HasMaxLength(100);
            b.Property(r => r.PersonPhone).HasMaxLength(32);
            b.Property(r => r.PersonEmail).HasMaxLength(254);
            b.Property(r => r.Note).HasMaxLength(2000);
            b.Property(r => r.DeclineReason).HasMaxLength(500);
            b.Property(r => r.Version).IsRowVersion();
            b.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId);
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddRetentionRuns();
    }
}
