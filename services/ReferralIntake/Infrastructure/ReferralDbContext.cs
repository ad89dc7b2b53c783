using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Infrastructure;

public sealed class ReferralDbContext(DbContextOptions<ReferralDbContext> options) : DbContext(options)
{
    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<StatusLookupFailure> StatusLookupFailures => Set<StatusLookupFailure>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<PersonChange> PersonChanges => Set<PersonChange>();

    public DbSet<PersonMerge> PersonMerges => Set<PersonMerge>();

    public DbSet<PersonSearch> PersonSearches => Set<PersonSearch>();

    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();

    public DbSet<ErasureRequest> ErasureRequests => Set<ErasureRequest>();

    public DbSet<GpDelivery> GpDeliveries => Set<GpDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Referral>(b =>
        {
            b.Property(r => r.Sender).HasColumnType("jsonb").HasConversion(
                sender => sender == null ? null : JsonSerializer.Serialize(sender, JsonSerializerOptions.Web),
                json => json == null ? null : JsonSerializer.Deserialize<SenderDetails>(json, JsonSerializerOptions.Web));
            b.ToTable("referrals");
            b.HasKey(r => r.Id);
            b.HasIndex(r => r.Reference).IsUnique();
            b.Property(r => r.Reference).HasMaxLength(16);
            b.Property(r => r.Channel).HasMaxLength(16);
            b.Property(r => r.Source).HasMaxLength(100);
            b.Property(r => r.CaseTeam).HasMaxLength(64);
            b.Property(r => r.Status).HasMaxLength(32);
            b.Property(r => r.GivenName).HasMaxLength(ReferralRules.MaxNameLength);
            b.Property(r => r.FamilyName).HasMaxLength(ReferralRules.MaxNameLength);
            b.Property(r => r.Postcode).HasMaxLength(8);
            b.Property(r => r.Phone).HasMaxLength(16);
            b.Property(r => r.Email).HasMaxLength(ReferralRules.MaxEmailLength);
            b.Property(r => r.NhsNumber).HasMaxLength(10);
            b.Property(r => r.PreferredContact).HasMaxLength(16);
            b.Property(r => r.Reason).HasMaxLength(ReferralRules.MaxReasonLength);
            b.Property(r => r.ShareWithGp).HasMaxLength(16);
            b.Property(r => r.ReferrerName).HasMaxLength(ReferralRules.MaxNameLength);
            b.Property(r => r.ReferrerRole).HasMaxLength(ReferralRules.MaxNameLength);
            b.Property(r => r.ReferrerOrganisation).HasMaxLength(200);
            b.Property(r => r.ReferrerEmail).HasMaxLength(ReferralRules.MaxEmailLength);
            b.Property(r => r.PersonKey).HasMaxLength(64);
            b.HasIndex(r => r.PersonKey);
            b.HasIndex(r => r.NhsNumber);
            b.Property(r => r.ExternalId).HasMaxLength(500);
            // A sending system's identifiers are its own: two clients may use the same one.
            b.Property(r => r.SubmittedBy).HasMaxLength(200);
            b.HasIndex(r => new { r.SubmittedBy, r.ExternalId }).IsUnique();
            b.Property(r => r.MessageId).HasMaxLength(500);
            b.Property(r => r.GpPractice).HasMaxLength(16);
            b.Property(r => r.Language).HasMaxLength(8).HasDefaultValue(ReferralRules.English);
            b.HasIndex(r => new { r.SubmittedBy, r.MessageId }).IsUnique();
            b.HasIndex(r => r.PersonId);
            b.HasIndex(r => r.CaseId);
            b.Property(r => r.ClosedOutcome).HasMaxLength(32);
        });
        modelBuilder.Entity<GpDelivery>(b =>
        {
            b.ToTable("gp_deliveries");
            b.HasKey(d => d.Id);
            b.HasIndex(d => d.CaseId).IsUnique();
            b.HasIndex(d => new { d.Status, d.NextAttemptAt });
            b.Property(d => d.CaseReference).HasMaxLength(16);
            b.Property(d => d.Practice).HasMaxLength(16);
            b.Property(d => d.Endpoint).HasMaxLength(500);
            b.Property(d => d.Status).HasMaxLength(16);
            b.Property(d => d.LastAnswer).HasMaxLength(500);
            // Removing the person's referral (erasure, retention) takes the summary about them with it.
            b.HasOne<Referral>().WithMany().HasForeignKey(d => d.ReferralId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Person>(b =>
        {
            b.ToTable("people");
            b.HasKey(p => p.Id);
            b.Property(p => p.GivenName).HasMaxLength(ReferralRules.MaxNameLength);
            b.Property(p => p.FamilyName).HasMaxLength(ReferralRules.MaxNameLength);
            b.Property(p => p.Postcode).HasMaxLength(8);
            b.Property(p => p.Phone).HasMaxLength(16);
            b.Property(p => p.Email).HasMaxLength(ReferralRules.MaxEmailLength);
            b.Property(p => p.NhsNumber).HasMaxLength(10);
            b.Property(p => p.PreferredContact).HasMaxLength(16);
            b.Property(p => p.PersonKey).HasMaxLength(64);
            b.Property(p => p.SearchName).HasMaxLength(2 * ReferralRules.MaxNameLength + 1);
            b.HasIndex(p => p.PersonKey);
            b.HasIndex(p => p.NhsNumber);
            b.HasIndex(p => p.DateOfBirth);
            b.HasIndex(p => p.Postcode);
            // Trigram index: the forgiving name search (pg_trgm).
            b.HasIndex(p => p.SearchName).HasMethod("gin").HasOperators("gin_trgm_ops");
            b.Property(p => p.Version).IsRowVersion();
        });
        modelBuilder.Entity<PersonChange>(b =>
        {
            b.ToTable("person_changes");
            b.Property(c => c.Id).UseIdentityAlwaysColumn();
            b.HasIndex(c => new { c.PersonId, c.At });
            b.Property(c => c.By).HasMaxLength(200);
            b.Property(c => c.Kind).HasMaxLength(32);
            b.Property(c => c.Fields).HasColumnType("jsonb").HasConversion(
                f => JsonSerializer.Serialize(f, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<Dictionary<string, FieldChange>>(json, JsonSerializerOptions.Web)!);
            b.Property(c => c.Reason).HasMaxLength(ReferralRules.MaxReasonLength);
        });
        modelBuilder.Entity<PersonMerge>(b =>
        {
            b.ToTable("person_merges");
            b.HasKey(m => m.Id);
            b.HasIndex(m => m.SurvivorId);
            b.HasIndex(m => m.MergedId);
            b.Property(m => m.MergedBy).HasMaxLength(200);
            b.Property(m => m.UndoneBy).HasMaxLength(200);
        });
        modelBuilder.Entity<PersonSearch>(b =>
        {
            b.ToTable("person_searches");
            b.Property(s => s.Id).UseIdentityAlwaysColumn();
            b.Property(s => s.By).HasMaxLength(200);
            b.Property(s => s.Terms).HasColumnType("jsonb").HasConversion(
                t => JsonSerializer.Serialize(t, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Web)!);
            b.HasIndex(s => s.At);
        });
        modelBuilder.Entity<IdempotencyRecord>(b =>
        {
            b.ToTable("idempotency_records");
            b.HasKey(r => new { r.Caller, r.Key });
            b.Property(r => r.Caller).HasMaxLength(200);
            b.Property(r => r.Key).HasMaxLength(IdempotentRequest.MaxKeyLength);
            b.Property(r => r.RequestHash).HasMaxLength(64);
            b.Property(r => r.Response).HasColumnType("jsonb");
            b.HasIndex(r => r.CreatedAt);
        });
        modelBuilder.Entity<StatusLookupFailure>(b =>
        {
            b.ToTable("status_lookup_failures");
            b.Property(f => f.Id).UseIdentityAlwaysColumn();
            b.Property(f => f.Reference).HasMaxLength(16);
            b.HasIndex(f => new { f.Reference, f.FailedAt });
        });
        modelBuilder.Entity<AccessRequest>(b =>
        {
            b.ToTable("access_requests");
            b.HasKey(r => r.Id);
            b.HasIndex(r => r.PersonId);
            b.Property(r => r.RequestedBy).HasMaxLength(200);
            b.OwnsMany(r => r.Parts, p =>
            {
                p.ToTable("access_request_parts");
                p.WithOwner().HasForeignKey("AccessRequestId");
                p.HasKey("AccessRequestId", nameof(AccessRequestPart.Service));
                p.Property(x => x.Service).HasMaxLength(64);
            });
        });
        modelBuilder.Entity<ErasureRequest>(b =>
        {
            b.ToTable("erasure_requests");
            b.HasKey(r => r.Id);
            b.Property(r => r.Reason).HasMaxLength(ReferralRules.MaxReasonLength);
            b.Property(r => r.RequestedBy).HasMaxLength(200);
            // One erasure at a time for a person: a second while one runs is refused (409).
            b.HasIndex(r => r.PersonId).IsUnique().HasFilter("done_at IS NULL").HasDatabaseName("ix_erasure_requests_one_running");
            b.OwnsMany(r => r.Confirmations, c =>
            {
                c.ToTable("erasure_confirmations");
                c.WithOwner().HasForeignKey("ErasureRequestId");
                c.HasKey("ErasureRequestId", nameof(ErasureConfirmation.Service));
                c.Property(x => x.Service).HasMaxLength(64);
            });
        });
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddRetentionRuns();
    }
}
