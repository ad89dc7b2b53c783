using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Infrastructure;

/// <summary>
/// Idempotency keys are kept for <c>Idempotency:RetentionHours</c> (24 by default): long enough for
/// any client's retries, short enough that the table does not grow forever. Every hour the older
/// records go; a retry after that is a new submission.
/// </summary>
public sealed partial class IdempotencyRecordPruner(
    IServiceScopeFactory scopeFactory,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<IdempotencyRecordPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public TimeSpan Retention { get; } = TimeSpan.FromHours(configuration.GetValue("Idempotency:RetentionHours", 24.0));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPruneFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the records older than the retention (and status look-up failures too old to count); returns how many records went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralDbContext>();
        var now = time.GetUtcNow();
        await db.StatusLookupFailures.Where(f => f.FailedAt <= now - StatusLookupFailure.Window).ExecuteDeleteAsync(cancellationToken);
        return await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < now - Retention).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove old idempotency records ({ErrorType}); will try again in an hour")]
    private static partial void LogPruneFailed(ILogger logger, string errorType);
}
