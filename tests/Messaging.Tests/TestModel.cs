using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Retention;

namespace SocialPrescribing.Messaging.Tests;

public sealed record ThingHappened(Guid Id, DateTimeOffset OccurredAt, string AggregateId, int Sequence) : IIntegrationEvent;

public sealed record PoisonHappened(Guid Id, DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed record RepairableHappened(Guid Id, DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed class Effect
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public string AggregateId { get; set; } = "";

    public int Sequence { get; set; }
}

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.AddOutboxAndInbox().AddAuditTrail().AddRetentionRuns();
}

/// <summary>Applies each event as one row; the inbox must keep a redelivery from adding a second.</summary>
public sealed class ThingHappenedConsumer(TestDbContext db, TimeProvider time) : InboxConsumer<ThingHappened, TestDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ThingHappened> context, CancellationToken cancellationToken)
    {
        Db.Effects.Add(new Effect
        {
            Id = Guid.NewGuid(),
            EventId = context.Message.Id,
            AggregateId = context.Message.AggregateId,
            Sequence = context.Message.Sequence,
        });
        return Task.CompletedTask;
    }
}

public sealed class PoisonHappenedConsumer(TestDbContext db, TimeProvider time) : InboxConsumer<PoisonHappened, TestDbContext>(db, time)
{
    /// <summary>How many times each poison event was tried.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> Attempts = new();

    protected override Task HandleAsync(ConsumeContext<PoisonHappened> context, CancellationToken cancellationToken)
    {
        Attempts.AddOrUpdate(context.Message.Id, 1, (_, n) => n + 1);
        throw new InvalidOperationException("This handler always fails.");
    }
}

/// <summary>Fails for the events a test marks broken, as a handler does until its bug is fixed.</summary>
public sealed class RepairableHappenedConsumer(TestDbContext db, TimeProvider time) : InboxConsumer<RepairableHappened, TestDbContext>(db, time)
{
    public static System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> Broken { get; } = new();

    protected override Task HandleAsync(ConsumeContext<RepairableHappened> context, CancellationToken cancellationToken)
    {
        if (Broken.ContainsKey(context.Message.Id))
        {
            throw new InvalidOperationException("The handler cannot take this event yet.");
        }

        Db.Effects.Add(new Effect { Id = Guid.NewGuid(), EventId = context.Message.Id, AggregateId = "repairable", Sequence = 1 });
        return Task.CompletedTask;
    }
}
