using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocialPrescribing.Persistence;

public static partial class MigrationExtensions
{
    // Any constant works: each service has a database of its own.
    private const long MigrationLockKey = 0x5350_4D49_4752_4154;

    /// <summary>
    /// Applies pending migrations (creating the database if needed) and then runs <paramref name="seed"/>,
    /// before the service takes traffic. Retries while the server is still starting. Replicas starting
    /// together take turns (a PostgreSQL advisory lock): the first migrates, the others find nothing to do.
    /// </summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(
        this IHost app,
        Func<TDbContext, CancellationToken, Task>? seed = null,
        CancellationToken cancellationToken = default)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrationExtensions));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                // As the owner: the runtime role may not change the schema.
                var role = scope.ServiceProvider.GetRequiredService<ServiceDatabase<TDbContext>>().Role;
                var ownerOptions = new DbContextOptionsBuilder<TDbContext>(scope.ServiceProvider.GetRequiredService<DbContextOptions<TDbContext>>())
                    .UseNpgsql(role.OwnerConnectionString)
                    .Options;
                await using var db = ActivatorUtilities.CreateInstance<TDbContext>(scope.ServiceProvider, ownerOptions);
                await CreateDatabaseAsync(db, cancellationToken);
                await db.Database.OpenConnectionAsync(cancellationToken);
                try
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                    await db.Database.MigrateAsync(cancellationToken);
                    await db.Database.ExecuteSqlRawAsync(role.GrantSql(), cancellationToken);
                    if (seed is not null)
                    {
                        await seed(db, cancellationToken);
                    }
                }
                finally
                {
                    // The connection goes back to the pool: it must not keep the lock.
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock_all()", CancellationToken.None);
                    await db.Database.CloseConnectionAsync();
                }

                LogMigrated(logger, typeof(TDbContext).Name);
                return;
            }
            catch (Npgsql.NpgsqlException ex) when (attempt < 10 && ex.IsTransient)
            {
                LogRetrying(logger, typeof(TDbContext).Name, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    private static async Task CreateDatabaseAsync(DbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
            // Another replica created it a moment ago.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database for {Context} is migrated and seeded")]
    private static partial void LogMigrated(ILogger logger, string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database for {Context} not reachable yet (attempt {Attempt}); retrying")]
    private static partial void LogRetrying(ILogger logger, string context, int attempt);
}
