using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;

namespace SocialPrescribing.CaseManagement.Infrastructure;

public sealed class CaseDbContext(DbContextOptions<CaseDbContext> options) : DbContext(options)
{
    public DbSet<Case> Cases => Set<Case>();

    public DbSet<LinkWorker> LinkWorkers => Set<LinkWorker>();

    public DbSet<DiaryFeedKey> DiaryFeedKeys => Set<DiaryFeedKey>();

    /// <summary>Safeguarding concerns: their own table, read by fewer people than the case (see ConcernAccess).</summary>
    public DbSet<SafeguardingConcern> Concerns => Set<SafeguardingConcern>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Case>(b =>
        {
            b.ToTable("cases");
            b.HasKey(c => c.Id);
            // One case per referral: a second ReferralSubmitted for it opens nothing.
            b.HasIndex(c => c.ReferralId).IsUnique();
            b.HasIndex(c => c.Reference).IsUnique();
            b.HasIndex(c => new { c.Step, c.Urgent, c.OpenedAt });
            b.Property(c => c.Reference).HasMaxLength(16);
            b.Property(c => c.Step).HasConversion<string>().HasMaxLength(32);
            b.Property(c => c.Channel).HasMaxLength(16);
            b.Property(c => c.Source).HasMaxLength(100);
            b.Property(c => c.ShareWithGp).HasMaxLength(16);
            b.Property(c => c.AssignedTo).HasMaxLength(100);
            b.Property(c => c.Team).HasMaxLength(64);
            b.HasIndex(c => new { c.Team, c.OpenedAt });
            b.HasIndex(c => new { c.AssignedTo, c.Step });
            // The same-day queue and overdue first contacts: cases whose person has not been reached yet (few, in a team).
            b.HasIndex(c => new { c.Team, c.Urgent, c.OpenedAt }).HasFilter("first_contact_at IS NULL").HasDatabaseName("ix_cases_not_reached");
            b.Property(c => c.Area).HasMaxLength(8);
            b.Property(c => c.WhatMatters).HasMaxLength(Case.MaxWhatMattersLength);
            b.Property(c => c.GpDeliveryStatus).HasMaxLength(16);
            b.Property(c => c.GpPractice).HasMaxLength(16);
            b.Property(c => c.Language).HasMaxLength(8).HasDefaultValue(Case.English);
            b.Property(c => c.GpDeliveryPractice).HasMaxLength(16);
            b.Property(c => c.GpDeliveryDetail).HasMaxLength(500);
            b.HasIndex(c => new { c.GpDeliveryStatus, c.Team }).HasFilter("gp_delivery_status IN ('failed', 'not-sent')").HasDatabaseName("ix_cases_gp_delivery_problems");
            b.OwnsMany(c => c.Appointments, a =>
            {
                a.ToTable("case_appointments");
                a.WithOwner().HasForeignKey("CaseId");
                a.HasKey(x => x.Id);
                a.Property(x => x.Id).ValueGeneratedNever();
                a.Property(x => x.Mode).HasMaxLength(16);
                a.Property(x => x.Place).HasMaxLength(Appointment.MaxPlaceLength);
                a.Property(x => x.Status).HasMaxLength(16);
                a.Property(x => x.CancelReason).HasMaxLength(500);
                a.Property(x => x.BookedBy).HasMaxLength(100);
                a.Property(x => x.ChangedBy).HasMaxLength(100);
                a.HasIndex(x => x.StartsAt);
            });
            b.OwnsMany(c => c.Contacts, t =>
            {
                t.ToTable("case_contacts");
                t.WithOwner().HasForeignKey("CaseId");
                t.HasKey(x => x.Id);
                t.Property(x => x.Id).ValueGeneratedNever();
                t.Property(x => x.Mode).HasMaxLength(16);
                t.Property(x => x.Outcome).HasMaxLength(16);
                t.Property(x => x.Note).HasMaxLength(ContactAttempt.MaxNoteLength);
                t.Property(x => x.By).HasMaxLength(100);
            });
            b.OwnsMany(c => c.Notes, n =>
            {
                n.ToTable("case_notes");
                n.WithOwner().HasForeignKey("CaseId");
                n.HasKey(x => x.Id);
                n.Property(x => x.Id).ValueGeneratedNever();
                n.Property(x => x.Text).HasMaxLength(CaseNote.MaxLength);
                n.Property(x => x.By).HasMaxLength(100);
            });
            b.OwnsMany(c => c.AlsoReferred, r =>
            {
                r.ToTable("case_referrals");
                r.WithOwner().HasForeignKey("CaseId");
                r.HasKey(x => x.ReferralId);
                r.Property(x => x.ReferralId).ValueGeneratedNever();
                r.HasIndex(x => x.Reference).IsUnique();
                r.Property(x => x.Reference).HasMaxLength(16);
                r.Property(x => x.Channel).HasMaxLength(16);
                r.Property(x => x.Source).HasMaxLength(100);
            });
            b.Navigation(c => c.AlsoReferred).AutoInclude();
            b.OwnsMany(c => c.History, h =>
            {
                h.ToTable("case_step_changes");
                h.WithOwner().HasForeignKey("CaseId");
                h.Property<int>("Id");
                h.HasKey("Id");
                h.Property(x => x.From).HasConversion<string>().HasMaxLength(32);
                h.Property(x => x.To).HasConversion<string>().HasMaxLength(32);
                h.Property(x => x.By).HasMaxLength(100);
                h.Property(x => x.Reason).HasMaxLength(2000);
            });
            b.OwnsMany(c => c.Prescriptions, p =>
            {
                p.ToTable("case_prescriptions");
                p.WithOwner().HasForeignKey("CaseId");
                p.HasKey(x => x.Id);
                p.Property(x => x.Id).ValueGeneratedNever();
                p.Property(x => x.ServiceName).HasMaxLength(200);
                p.Property(x => x.Status).HasMaxLength(16);
                p.Property(x => x.Reason).HasMaxLength(500);
                p.Property(x => x.RequestedBy).HasMaxLength(100);
            });
            b.OwnsMany(c => c.Tasks, t =>
            {
                t.ToTable("case_tasks");
                t.WithOwner().HasForeignKey("CaseId");
                t.HasKey(x => x.Id);
                t.Property(x => x.Id).ValueGeneratedNever();
                t.Property(x => x.Kind).HasMaxLength(32);
                t.Property(x => x.Description).HasMaxLength(CaseTask.MaxDescriptionLength);
                t.Property(x => x.CreatedBy).HasMaxLength(100);
                t.Property(x => x.DoneBy).HasMaxLength(100);
                // The safety deadline watcher's search: same-day reviews not done yet (few).
                t.HasIndex(x => x.DueBy).HasFilter("kind = 'risk-review' AND done_at IS NULL").HasDatabaseName("ix_case_tasks_open_risk_reviews");
            });
            b.OwnsMany(c => c.Scores, w =>
            {
                w.ToTable("case_scores");
                w.WithOwner().HasForeignKey("CaseId");
                w.HasKey(x => x.AssessmentId);
                w.Property(x => x.AssessmentId).ValueGeneratedNever();
                w.Property(x => x.Instrument).HasMaxLength(64);
                w.Property(x => x.Timepoint).HasMaxLength(16);
                w.Property(x => x.Mode).HasMaxLength(16);
                w.Property(x => x.Score).HasPrecision(9, 2);
            });
            b.Property(c => c.Version).IsRowVersion();
        });
        modelBuilder.Entity<DiaryFeedKey>(b =>
        {
            b.ToTable("diary_feed_keys");
            b.HasKey(k => k.UserId);
            b.Property(k => k.UserId).HasMaxLength(100);
            b.Property(k => k.TokenHash).HasMaxLength(64);
            b.HasIndex(k => k.TokenHash).IsUnique();
        });

        modelBuilder.Entity<LinkWorker>(b =>
        {
            b.ToTable("link_workers");
            b.HasKey(w => w.UserId);
            b.Property(w => w.UserId).HasMaxLength(100);
            b.Property(w => w.UserName).HasMaxLength(100);
            b.Property(w => w.DisplayName).HasMaxLength(200);
            b.Ignore(w => w.Name);
            b.Property(w => w.OpenCases).HasDefaultValue(0).ValueGeneratedOnAddOrUpdate();
        });
        modelBuilder.Entity<SafeguardingConcern>(b =>
        {
            b.ToTable("safeguarding_concerns");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            // A concern goes with its case (erasure, retention): the database removes it.
            b.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
            // The lead's queue: open concerns by due time.
            b.HasIndex(c => new { c.DueBy }).HasFilter("decision IS NULL").HasDatabaseName("ix_safeguarding_concerns_open");
            b.Property(c => c.CaseReference).HasMaxLength(16);
            b.Property(c => c.Team).HasMaxLength(64);
            b.Property(c => c.Subject).HasMaxLength(8);
            b.Property(c => c.Category).HasMaxLength(32);
            b.Property(c => c.Description).HasMaxLength(SafeguardingConcern.MaxDescriptionLength);
            b.Property(c => c.RaisedBy).HasMaxLength(100);
            b.Property(c => c.Decision).HasMaxLength(32);
            b.Property(c => c.DecisionReference).HasMaxLength(SafeguardingConcern.MaxReferenceLength);
            b.Property(c => c.DecisionReason).HasMaxLength(SafeguardingConcern.MaxReasonLength);
            b.Property(c => c.DecidedBy).HasMaxLength(100);
            b.Ignore(c => c.Urgent);
            b.Property(c => c.Version).IsRowVersion();
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddRetentionRuns();
    }
}
