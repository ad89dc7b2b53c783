using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialPrescribing.Persistence;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.Messaging.Tests;

/// <summary>One real PostgreSQL and one real RabbitMQ for the whole collection.</summary>
public sealed class MessagingFixture : IAsyncLifetime
{
    public const string Database = "messagingtests";

    public PostgresServer Postgres { get; private set; } = null!;

    public RabbitMqServer RabbitMq { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var rabbit = RabbitMqServer.StartAsync();
        Postgres = await postgres;
        RabbitMq = await rabbit;

        await using var db = NewDbContext();
        await db.Database.EnsureCreatedAsync();
        // The audit tables' append-only triggers, as a service's migrations add them.
        await db.Database.ExecuteSqlRawAsync(Audit.AuditModelBuilderExtensions.AppendOnlySql);
        await db.Database.ExecuteSqlRawAsync(Audit.AuditModelBuilderExtensions.SealsAppendOnlySql);
        await db.Database.ExecuteSqlRawAsync(Audit.AuditModelBuilderExtensions.PrunesAppendOnlySql);
        // As a service's migration does: the hosts below serve as the database's runtime role.
        await db.Database.ExecuteSqlRawAsync(SocialPrescribing.Persistence.RuntimeRole.For(Postgres.ConnectionString(Database)).GrantSql());
    }

    public async Task DisposeAsync()
    {
        await RabbitMq.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>A service-like host: the test DbContext, the outbox relay and both consumers.</summary>
    public async Task<IHost> StartServiceAsync(
        string serviceName, IReadOnlyDictionary<string, string?>? settings = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{Database}"] = Postgres.ConnectionString(Database),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = RabbitMq.ConnectionString,
            ["Messaging:RetryIntervalsMs:0"] = "10",
            ["Messaging:RetryIntervalsMs:1"] = "10",
            ["Messaging:RedeliveryIntervalsMs:0"] = "50",
            ["Messaging:OutboxPollInterval"] = "00:00:30",
            ["Messaging:PublishTimeout"] = "00:00:03",
            // The host runs as Production: its secrets must be given.
            ["Operations:Key"] = "test-operator-key-of-at-least-32-characters",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDbContext<TestDbContext>(Database);
        builder.AddMessaging<TestDbContext>(serviceName, bus =>
        {
            bus.AddInboxConsumer<ThingHappenedConsumer>();
            bus.AddInboxConsumer<PoisonHappenedConsumer>();
            bus.AddInboxConsumer<RepairableHappenedConsumer>();
        });
        configure?.Invoke(builder);
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>A context on the test database outside any service host.</summary>
    public TestDbContext NewDbContext() => new(new DbContextOptionsBuilder<TestDbContext>()
        .UseNpgsql(Postgres.ConnectionString(Database)).UseSnakeCaseNamingConvention().Options);

    public async Task ResetAsync()
    {
        await using var db = NewDbContext();
        await db.Database.ExecuteSqlRawAsync("TRUNCATE effects, outbox_messages, inbox_messages, retention_runs");
    }
}

[CollectionDefinition(Name)]
public sealed class MessagingCollection : ICollectionFixture<MessagingFixture>
{
    public const string Name = "messaging";
}
