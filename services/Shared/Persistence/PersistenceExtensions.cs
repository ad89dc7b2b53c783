using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace SocialPrescribing.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// The service's own database (connection string <paramref name="connectionName"/>), with snake_case
    /// names, least privilege (<see cref="RuntimeRole"/>) and a readiness check that runs a real query. <paramref name="connection"/>
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
        // Pooled: a request or message reuses a context instead of building one (less CPU per call).
        builder.Services.AddDbContextPool<TDbContext>((_, options) =>
        {
            options
                .UseNpgsql(role.RuntimeConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .UseSnakeCaseNamingConvention();
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

}
