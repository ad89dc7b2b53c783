using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.CaseManagement.Features.Safeguarding;

/// <summary>
/// The deadlines that protect people, checked every minute (<c>Safeguarding:CheckInterval</c>) by one copy of the service
/// at a time (a transaction-scoped advisory lock): a safeguarding concern past its due time with no decision publishes
/// <see cref="SafeguardingConcernOverdue"/>, and a same-day review of a risk recorded at a contact not done by the end of
/// its day publishes <see cref="SameDayReviewOverdue"/> — each once, in the transaction that marks it, so Notifications
/// tells the team's managers.
/// </summary>
public sealed partial class SafetyDeadlineWatcher(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<SafetyDeadlineWatcher> logger)
    : BackgroundService
{
    private const int MaxPerPass = 200;

    private readonly TimeSpan _interval = configuration.GetValue("Safeguarding:CheckInterval", TimeSpan.FromMinutes(1));

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

    /// <summary>Publishes what is overdue now; returns how many concerns and reviews were escalated.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended('safety-deadline-watcher', 0)) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var concerns = await db.Concerns
            .Where(c => c.Decision == null && c.OverdueAlertedAt == null && c.DueBy <= now)
            .OrderBy(c => c.DueBy).Take(MaxPerPass).ToListAsync(cancellationToken);
        foreach (var concern in concerns.Where(c => c.MarkOverdueAlerted(now)))
        {
            db.AddIntegrationEvent(new SafeguardingConcernOverdue(Guid.CreateVersion7(now), now, concern.Id, concern.CaseId, concern.CaseReference, concern.Team,
                concern.Urgent, concern.DueBy), concern.CaseId.ToString());
        }

        var cases = await db.Cases
            .Where(c => c.Tasks.Any(t => t.Kind == CaseTask.RiskReview && t.DoneAt == null && t.EscalatedAt == null && t.DueBy < now))
            .Take(MaxPerPass).ToListAsync(cancellationToken);
        var reviews = 0;
        foreach (var found in cases)
        {
            foreach (var task in found.Tasks.Where(t => t.Escalate(now)))
            {
                db.AddIntegrationEvent(new SameDayReviewOverdue(Guid.CreateVersion7(now), now, found.Id, task.Id, found.Reference, found.Team, task.DueBy),
                    found.Id.ToString());
                reviews++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (concerns.Count + reviews > 0)
        {
            LogEscalated(logger, concerns.Count, reviews);
        }

        return concerns.Count + reviews;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Concerns} safeguarding concerns and {Reviews} same-day risk reviews are past their due time: the managers are told")]
    private static partial void LogEscalated(ILogger logger, int concerns, int reviews);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking safety deadlines failed ({ErrorType}); trying again at the next tick")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
