using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Infrastructure;

public sealed class ReferralDbContext(DbContextOptions<ReferralDbContext> options) : DbContext(options)
{
    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<StatusLookupFailure> StatusLookupFailures => Set<StatusLookupFailure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Referral>(b =>
        {
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
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
    }
}
