using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Http;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Features.StaffAlerts;

/// <summary>
/// An urgent case must be reached the day it arrives: one still at its first step (and open) at 15:00 on its day — or,
/// when it came in at 15:00 or later, at 15:00 the next day — raises an alert to the managers of its team, once. Checked
/// every minute by one copy of the service at a time (a transaction-scoped advisory lock).
/// </summary>
public sealed partial class UrgentCaseWatcher(
    IServiceScopeFactory scopes, QuietHours clock, TimeProvider time, PublicBaseUrl publicUrl, IConfiguration configuration, ILogger<UrgentCaseWatcher> logger)
    : BackgroundService
{
    public static readonly TimeOnly Deadline = new(15, 0);

    private readonly TimeSpan _interval = configuration.GetValue("Notifications:UrgentCheckInterval", TimeSpan.FromMinutes(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>When an urgent case opened at <paramref name="openedAt"/> must have been reached.</summary>
    public DateTimeOffset DueBy(DateTimeOffset openedAt)
    {
        var local = clock.Local(openedAt);
        var day = DateOnly.FromDateTime(local.DateTime);
        return clock.At(TimeOnly.FromDateTime(local.DateTime) < Deadline ? day : day.AddDays(1), Deadline);
    }

    /// <summary>Raises the alerts due now; returns how many.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended('urgent-case-watcher', 0)) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var since = now.AddDays(-7); // a case older than a week is in its team's overdue list already
        var open = await db.Cases
            .Where(c => c.Urgent && c.OpenedAt != null && c.OpenedAt > since && c.FirstContactAt == null && c.ClosedAt == null)
            .Where(c => !db.StaffAlerts.Any(a => a.Kind == StaffAlerts.UrgentNotReached && a.SourceId == c.Id))
            .ToListAsync(cancellationToken);
        var raised = 0;
        foreach (var known in open.Where(c => DueBy(c.OpenedAt!.Value) <= now))
        {
            await StaffAlerts.RaiseAsync(db, StaffAlerts.UrgentNotReached, known.Id, null, known, now, publicUrl, cancellationToken);
            raised++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (raised > 0)
        {
            LogRaised(logger, raised);
        }

        return raised;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} urgent cases not reached by 15:00: their managers are alerted")]
    private static partial void LogRaised(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking urgent cases failed ({ErrorType}); trying again at the next tick")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
