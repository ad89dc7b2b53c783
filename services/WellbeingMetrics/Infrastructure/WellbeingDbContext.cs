using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Persistence;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Infrastructure;

public sealed class WellbeingDbContext(DbContextOptions<WellbeingDbContext> options) : DbContext(options)
{
    private static readonly JsonSerializerOptions DefinitionJson = new(JsonSerializerDefaults.Web);

    public DbSet<Instrument> Instruments => Set<Instrument>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Instrument>(b =>
        {
            b.ToTable("instruments");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).HasMaxLength(64);
            b.Property(i => i.Definition)
                .HasColumnType("jsonb")
                .HasConversion(
                    d => JsonSerializer.Serialize(d, DefinitionJson),
                    json => JsonSerializer.Deserialize<InstrumentDefinition>(json, DefinitionJson)!);
        });
        modelBuilder.AddOutboxAndInbox();
    }

    /// <summary>Adds any built-in instrument the database does not have yet.</summary>
    public static async Task SeedAsync(WellbeingDbContext db, CancellationToken cancellationToken)
    {
        var present = await db.Instruments.Select(i => i.Id).ToListAsync(cancellationToken);
        foreach (var definition in BuiltInInstruments.All.Where(d => !present.Contains(d.Id)))
        {
            db.Instruments.Add(new Instrument { Id = definition.Id, Definition = definition, BuiltIn = true, AddedAt = DateTimeOffset.UtcNow });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
