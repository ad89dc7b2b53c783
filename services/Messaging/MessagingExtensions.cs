using SocialPrescribing.Messaging.Persistence;
using MassTransit;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ (connection string <c>messaging</c>, <c>amqp://user:pass@host:port/vhost</c>)
    /// plus the outbox relay for <typeparamref name="TDbContext"/>. Queues are named after
    /// <paramref name="serviceName"/> and the consumer, e.g. <c>case-management-open-case</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Messaging);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.Messaging} is not set. Start the suite through the AppHost, " +
                "or set it to amqp://user:password@host:5672/vhost.");
        }

        var broker = new Uri(connectionString);
        var userInfo = broker.UserInfo.Split(':', 2);
        var vhost = broker.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";

        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        AddOutboxSignal(builder.Services);
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        // The key the dashboard's commands use: a secret, required outside Development.
        SocialPrescribing.Configuration.RequiredSettings.Secret(builder.Configuration, builder.Environment, FailedMessagesApi.OperatorKeySetting, developmentValue: null);
        builder.Services.AddFailedMessages(serviceName);
        var quorum = QueueTypeOf(builder.Configuration) == QueueType.Quorum;

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            configureConsumers?.Invoke(bus);
            if (quorum)
            {
                // Replicated queues for a RabbitMQ cluster (docs/deploy.md). A queue's type is fixed when
                // it is declared: switching an existing broker means new queues (or a new virtual host).
                bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                    {
                        rabbitEndpoint.SetQuorumQueue();
                    }
                });
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)(broker.Port > 0 ? broker.Port : 5672), vhost, host =>
                {
                    host.Username(Uri.UnescapeDataString(userInfo[0]));
                    host.Password(userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "");
                    host.ConnectionName(serviceName);
                });
                rabbit.PrefetchCount = context.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>().Value.PrefetchCount;
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary><c>Messaging:QueueType</c>: <c>classic</c> (the default) or <c>quorum</c>; anything else is refused at start.</summary>
    public static QueueType QueueTypeOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[$"{MessagingOptions.SectionName}:{nameof(MessagingOptions.QueueType)}"];
        return string.IsNullOrWhiteSpace(value) ? QueueType.Classic
            : Enum.TryParse<QueueType>(value, ignoreCase: true, out var type) && Enum.IsDefined(type) ? type
            : throw new InvalidOperationException($"Messaging:QueueType must be 'classic' or 'quorum', not '{value}'.");
    }

    /// <summary>Registers a consumer with the shared retry / redelivery / error-queue definition.</summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddInboxConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(bus);
        return bus.AddConsumer<TConsumer, InboxConsumerDefinition<TConsumer>>();
    }

    /// <summary>
    /// The service's own database (connection string <paramref name="connectionName"/>), with snake_case
    /// names, the outbox wake-up, and a readiness check that runs a real query. <paramref name="connection"/>
    /// may change the connection's settings (after the suite's own: prepared statements).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDbContext<TDbContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<DbContextOptionsBuilder>? configure = null,
        Action<NpgsqlConnectionStringBuilder>? connection = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Start the suite through the AppHost, " +
                "or set it to a PostgreSQL connection string.");
        }

        connectionString = WithPreparedStatements(connectionString);
        if (connection is not null)
        {
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            connection(settings);
            connectionString = settings.ConnectionString;
        }

        // The configured connection is the owner's, for migrations; the service serves as its runtime role.
        var role = RuntimeRole.For(connectionString);
        builder.Services.AddSingleton(new ServiceDatabase<TDbContext>(role));
        AddOutboxSignal(builder.Services);
        // Pooled: a request or message reuses a context instead of building one (less CPU per call).
        builder.Services.AddDbContextPool<TDbContext>((services, options) =>
        {
            options
                .UseNpgsql(role.RuntimeConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor>());
            configure?.Invoke(options);
        });
        // Ready means a real query answers, not just an open socket.
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>(
            connectionName,
            tags: ["ready"],
            customTestQuery: async (db, cancellationToken) =>
                await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync(cancellationToken) == 1);
        return builder;
    }

    /// <summary>
    /// Statements a service runs again and again (its inserts, look-ups, the outbox's) are prepared
    /// once per connection instead of parsed and planned each time, and a connection going back to
    /// the pool is not reset (the suite sets no session state; transactions and their advisory locks
    /// end at commit): less CPU in PostgreSQL for every request. A connection string that sets
    /// <c>Max Auto Prepare</c> keeps its own value.
    /// </summary>
    internal static string WithPreparedStatements(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
            settings.NoResetOnClose = true;
        }

        return settings.ConnectionString;
    }

    private static void AddOutboxSignal(IServiceCollection services)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxCommitInterceptor>();
    }
}
