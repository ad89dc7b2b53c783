using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Infrastructure;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<Recipient> Recipients => Set<Recipient>();

    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<ReferralPerson> ReferralPeople => Set<ReferralPerson>();

    public DbSet<KnownCase> Cases => Set<KnownCase>();

    public DbSet<StaffMember> Staff => Set<StaffMember>();

    public DbSet<StaffAlert> StaffAlerts => Set<StaffAlert>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Recipient>(b =>
        {
            b.ToTable("recipients");
            b.HasKey(r => r.PersonId);
            b.Property(r => r.GivenName).HasMaxLength(100);
            b.Property(r => r.Email).HasMaxLength(254);
            b.Property(r => r.Phone).HasMaxLength(32);
            b.Property(r => r.Mobile).HasMaxLength(16);
            b.HasIndex(r => r.Mobile);
            b.Property(r => r.PreferredContact).HasMaxLength(16);
            b.Property(r => r.Language).HasMaxLength(8);
            b.Property(r => r.OptOutToken).HasMaxLength(64);
            b.HasIndex(r => r.OptOutToken).IsUnique();
        });
        modelBuilder.Entity<Notice>(b =>
        {
            b.ToTable("notices");
            b.HasKey(n => n.Id);
            // One message per event and kind: a redelivered event finds it there.
            b.HasIndex(n => new { n.SourceEventId, n.Kind }).IsUnique();
            b.HasIndex(n => new { n.Status, n.DueAt });
            b.HasIndex(n => n.PersonId);
            b.HasIndex(n => n.CaseId);
            b.HasIndex(n => n.MeetingId);
            b.Property(n => n.Kind).HasMaxLength(64);
            b.Property(n => n.Channel).HasMaxLength(16);
            b.Property(n => n.Address).HasMaxLength(254);
            b.Property(n => n.Language).HasMaxLength(8);
            b.Property(n => n.Status).HasMaxLength(16);
            b.Property(n => n.Problem).HasMaxLength(500);
            b.Property(n => n.Values).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Web)!);
        });
        modelBuilder.Entity<ReferralPerson>(b =>
        {
            b.ToTable("referral_people");
            b.HasKey(r => r.ReferralId);
            b.HasIndex(r => r.PersonId);
        });
        modelBuilder.Entity<KnownCase>(b =>
        {
            b.ToTable("cases");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Reference).HasMaxLength(32);
            b.Property(c => c.Team).HasMaxLength(64);
            b.Property(c => c.AssignedTo).HasMaxLength(128);
            b.HasIndex(c => c.ReferralIds).HasMethod("gin");
            b.HasIndex(c => new { c.Urgent, c.OpenedAt });
        });
        modelBuilder.Entity<StaffMember>(b =>
        {
            b.ToTable("staff");
            b.HasKey(s => s.UserId);
            b.Property(s => s.UserId).HasMaxLength(128);
            b.Property(s => s.Email).HasMaxLength(254);
            b.Property(s => s.Team).HasMaxLength(64);
        });
        modelBuilder.Entity<StaffAlert>(b =>
        {
            b.ToTable("staff_alerts");
            b.HasKey(a => a.Id);
            // Once per event (or per case, for the 15:00 check).
            b.HasIndex(a => new { a.Kind, a.SourceId }).IsUnique();
            b.HasIndex(a => new { a.UserId, a.SeenAt });
            b.HasIndex(a => a.CaseId);
            b.Property(a => a.Kind).HasMaxLength(64);
            b.Property(a => a.UserId).HasMaxLength(128);
            b.Property(a => a.SeenBy).HasMaxLength(128);
            b.Property(a => a.Team).HasMaxLength(64);
            b.Property(a => a.Role).HasMaxLength(32).HasDefaultValue(SocialPrescribing.Authentication.SuiteRoles.Manager);
            b.Property(a => a.CaseReference).HasMaxLength(32);
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddRetentionRuns();
    }
}
