using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Infrastructure;

public sealed class WellbeingDbContext(DbContextOptions<WellbeingDbContext> options) : DbContext(options)
{
    private static readonly JsonSerializerOptions DefinitionJson = new(JsonSerializerDefaults.Web);

    public DbSet<Instrument> Instruments => Set<Instrument>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<KnownCase> Cases => Set<KnownCase>();

    public DbSet<CompletionLink> CompletionLinks => Set<CompletionLink>();

    public DbSet<OutcomePair> OutcomePairs => Set<OutcomePair>();

    public DbSet<FeedbackLink> FeedbackLinks => Set<FeedbackLink>();

    /// <summary>Anonymous: no case, no person (kept when a case is erased or its retention ends).</summary>
    public DbSet<FeedbackAnswer> FeedbackAnswers => Set<FeedbackAnswer>();

    /// <summary>
    /// Deletes everything held of <paramref name="caseIds"/> — questionnaires, completion and feedback links, outcome pairs and
    /// the case as known here — for an erasure and for the retention schedule alike; returns the rows removed. (Feedback
    /// answers hold nothing that leads back to a case, so they stay.)
    /// </summary>
    public async Task<int> RemoveCasesAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken cancellationToken) =>
        await Assessments.Where(a => caseIds.Contains(a.CaseId)).ExecuteDeleteAsync(cancellationToken)
        + await CompletionLinks.Where(l => caseIds.Contains(l.CaseId)).ExecuteDeleteAsync(cancellationToken)
        + await FeedbackLinks.Where(l => caseIds.Contains(l.CaseId)).ExecuteDeleteAsync(cancellationToken)
        + await OutcomePairs.Where(p => caseIds.Contains(p.CaseId)).ExecuteDeleteAsync(cancellationToken)
        + await Cases.Where(c => caseIds.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Instrument>(b =>
        {
            b.ToTable("instruments");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).HasMaxLength(64);
            b.Property(i => i.AddedBy).HasMaxLength(128);
            b.Property(i => i.Definition)
                .HasColumnType("jsonb")
                .HasConversion(
                    d => JsonSerializer.Serialize(d, DefinitionJson),
                    json => JsonSerializer.Deserialize<InstrumentDefinition>(json, DefinitionJson)!);
        });

        modelBuilder.Entity<Assessment>(b =>
        {
            b.ToTable("assessments");
            b.HasKey(a => a.Id);
            b.Property(a => a.InstrumentId).HasMaxLength(64);
            b.Property(a => a.Timepoint).HasMaxLength(16);
            b.Property(a => a.Mode).HasMaxLength(16);
            b.Property(a => a.RecordedBy).HasMaxLength(128);
            b.Property(a => a.SupplementaryAnswer).HasMaxLength(200);
            b.Property(a => a.Language).HasMaxLength(8).HasDefaultValue(AssessmentLanguages.English);
            b.Property(a => a.Value).HasPrecision(9, 2);
            b.Property(a => a.Score)
                .HasColumnType("jsonb")
                .HasConversion(
                    s => JsonSerializer.Serialize(s, DefinitionJson),
                    json => JsonSerializer.Deserialize<Score>(json, DefinitionJson)!);
            // One baseline and one final per case and instrument; follow-ups numbered once each.
            b.HasIndex(a => new { a.CaseId, a.InstrumentId, a.Sequence }).IsUnique().HasDatabaseName("ix_assessments_one_per_timepoint");
        });

        modelBuilder.Entity<KnownCase>(b =>
        {
            b.ToTable("cases");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Reference).HasMaxLength(32);
            b.Property(c => c.Team).HasMaxLength(64);
            b.Property(c => c.Channel).HasMaxLength(32);
            b.Property(c => c.Source).HasMaxLength(64);
            b.Property(c => c.Step).HasMaxLength(32);
            b.Property(c => c.AssignedTo).HasMaxLength(128);
            b.Property(c => c.Outcome).HasMaxLength(32);
            b.Property(c => c.GpPractice).HasMaxLength(16);
        });

        modelBuilder.Entity<FeedbackLink>(b =>
        {
            b.ToTable("feedback_links");
            b.HasKey(l => l.Id);
            b.HasIndex(l => l.TokenHash).IsUnique();
            b.HasIndex(l => l.CaseId);
            // Asked once for each occasion: a redelivered event makes no second link.
            b.HasIndex(l => new { l.Occasion, l.SourceId }).IsUnique();
            b.Property(l => l.Occasion).HasMaxLength(32);
            b.Property<uint>("Version").IsRowVersion();
        });
        modelBuilder.Entity<FeedbackAnswer>(b =>
        {
            b.ToTable("feedback_answers");
            b.HasKey(a => a.Id);
            b.HasIndex(a => new { a.Month, a.Occasion });
            b.Property(a => a.Occasion).HasMaxLength(32);
            b.Property(a => a.Rating).HasMaxLength(16);
            b.Property(a => a.Language).HasMaxLength(8);
            b.Property(a => a.WentWell).HasMaxLength(FriendsAndFamilyTest.MaxWords);
            b.Property(a => a.CouldBeBetter).HasMaxLength(FriendsAndFamilyTest.MaxWords);
        });
        modelBuilder.Entity<CompletionLink>(b =>
        {
            b.ToTable("completion_links");
            b.HasKey(l => l.Id);
            b.HasIndex(l => l.TokenHash).IsUnique();
            b.HasIndex(l => l.CaseId);
            b.Property(l => l.InstrumentId).HasMaxLength(64);
            b.Property(l => l.Timepoint).HasMaxLength(16);
            b.Property(l => l.CreatedBy).HasMaxLength(128);
            // Two people submitting one link at once: only one commit may use it.
            b.Property<uint>("Version").IsRowVersion();
        });

        modelBuilder.Entity<OutcomePair>(b =>
        {
            b.ToTable("outcome_pairs");
            b.HasKey(p => new { p.CaseId, p.InstrumentId, p.Measure });
            b.Property(p => p.InstrumentId).HasMaxLength(64);
            b.Property(p => p.Source).HasMaxLength(64);
            b.Property(p => p.LinkWorker).HasMaxLength(128);
            b.HasIndex(p => p.LatestOn);
        });

        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddRetentionRuns();
    }

    /// <summary>
    /// Adds any built-in instrument the database does not have yet, and brings the built-in ones up to
    /// date with this version (an admin's own instruments are left as they are).
    /// </summary>
    public static async Task SeedAsync(WellbeingDbContext db, CancellationToken cancellationToken)
    {
        var present = await db.Instruments.Where(i => i.BuiltIn).ToDictionaryAsync(i => i.Id, cancellationToken);
        foreach (var definition in BuiltInInstruments.All)
        {
            if (present.TryGetValue(definition.Id, out var instrument))
            {
                instrument.Definition = definition;
            }
            else if (!await db.Instruments.AnyAsync(i => i.Id == definition.Id, cancellationToken))
            {
                db.Instruments.Add(new Instrument { Id = definition.Id, Definition = definition, BuiltIn = true, AddedAt = DateTimeOffset.UtcNow });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
