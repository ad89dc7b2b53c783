using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging;

public static class MessagingModelBuilderExtensions
{
    // A W3C traceparent: version, trace id, parent id and flags, "00-{32 hex}-{16 hex}-{2 hex}".
    private const int TraceParentLength = 55;

    /// <summary>Adds the outbox and inbox tables to a service's model (call from OnModelCreating).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable(OutboxMessage.Table);
            b.HasKey(m => m.Sequence);
            b.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            b.HasIndex(m => m.MessageId).IsUnique();
            b.Property(m => m.MessageType).HasMaxLength(256);
            b.Property(m => m.Body).HasColumnType("jsonb");
            b.Property(m => m.AggregateId).HasMaxLength(128);
            b.Property(m => m.LastError).HasMaxLength(1024);
            b.Property(m => m.TraceParent).HasMaxLength(TraceParentLength);
        });

        modelBuilder.Entity<InboxMessage>(b =>
        {
            b.ToTable("inbox_messages");
            b.HasKey(m => new { m.MessageId, m.Consumer }).HasName(InboxMessage.PrimaryKeyName);
            b.Property(m => m.Consumer).HasMaxLength(256);
        });

        return modelBuilder;
    }
}
