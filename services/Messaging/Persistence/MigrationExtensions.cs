using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocialPrescribing.Messaging.Persistence;

public static partial class MigrationExtensions
{
    /// <summary>
    /// Applies pending migrations (creating the database if needed) and then runs <paramref name="seed"/>,
    /// before the service takes traffic. Retries while the server is still starting.
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
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                await db.Database.MigrateAsync(cancellationToken);
                if (seed is not null)
                {
                    await seed(db, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Database for {Context} is migrated and seeded")]
    private static partial void LogMigrated(ILogger logger, string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database for {Context} not reachable yet (attempt {Attempt}); retrying")]
    private static partial void LogRetrying(ILogger logger, string context, int attempt);
}
