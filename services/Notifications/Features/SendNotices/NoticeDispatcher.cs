using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Notifications.Model.Templates;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Features.SendNotices;

/// <summary>
/// Sends the messages that are due, oldest first: each row is locked while it is sent (FOR UPDATE SKIP LOCKED), so two
/// copies of the service never send one message twice, and a message is due again after a failure (back-off) until it
/// is sent, refused for good (undelivered) or out of attempts (failed). Reminders are rows due later: they survive a
/// restart because they are only rows.
/// </summary>
public sealed partial class NoticeDispatcher(
    IServiceScopeFactory scopes, NoticeTemplates templates, INoticeSender sender, QuietHours quietHours, TimeProvider time, IConfiguration configuration,
    ILogger<NoticeDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 20;

    private readonly TimeSpan _interval = configuration.GetValue("Notifications:PollInterval", TimeSpan.FromSeconds(2));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, time);
        do
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be restarting: the messages wait, due, for the next tick.
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends the messages due now; returns how many it took.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = await db.Notices
            .FromSql($"SELECT * FROM notices WHERE status = {NoticeStatus.Pending} AND due_at <= {now} ORDER BY due_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var people = due.Where(n => n.PersonId != null).Select(n => n.PersonId!.Value).Distinct().ToList();
        var optedOut = await db.Recipients.Where(r => people.Contains(r.PersonId) && r.OptedOutAt != null).Select(r => r.PersonId).ToListAsync(cancellationToken);
        foreach (var notice in due)
        {
            if (notice.PersonId is { } person && optedOut.Contains(person))
            {
                notice.Drop(NoticeStatus.NotSent, Recipient.OptedOutReason);
                continue;
            }

            if (notice.Channel == NoticeChannels.Text && quietHours.Holds(now))
            {
                // No texts at night: it goes at 08:00 (a reminder is scheduled to land before 21:00 in the first place).
                notice.Hold(quietHours.NextAllowed(now));
                continue;
            }

            try
            {
                var message = templates.Render(notice.Kind, notice.Channel!, notice.Language, notice.Values);
                await sender.SendAsync(notice, message, cancellationToken);
                notice.Sent(time.GetUtcNow());
                LogSent(logger, notice.Kind, notice.Channel!, notice.Id);
            }
            catch (NoticeRefusedException e)
            {
                notice.Failed(e.Message, permanent: true, time.GetUtcNow());
                LogNotSent(logger, notice.Kind, notice.Channel ?? "none", notice.Id, "refused");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The error's type only: a sender's message may quote the address.
                notice.Failed($"{e.GetType().Name} (attempt {notice.Attempts + 1})", permanent: false, time.GetUtcNow());
                LogNotSent(logger, notice.Kind, notice.Channel ?? "none", notice.Id, e.GetType().Name);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} by {Channel} ({NoticeId})")]
    private static partial void LogSent(ILogger logger, string kind, string channel, Guid noticeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Kind} by {Channel} ({NoticeId}): {Reason}")]
    private static partial void LogNotSent(ILogger logger, string kind, string channel, Guid noticeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending due messages failed ({ErrorType}); trying again at the next tick")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
