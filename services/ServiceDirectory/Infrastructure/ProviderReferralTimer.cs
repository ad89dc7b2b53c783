using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.ServiceDirectory.Infrastructure;

/// <summary>
/// Every <see cref="DirectoryOptions.CheckInterval"/>: marks referrals waiting longer than
/// <see cref="DirectoryOptions.ReminderDays"/> as reminded (the provider's inbox puts them first,
/// flagged), and expires those waiting longer than <see cref="DirectoryOptions.ExpiryDays"/>, telling
/// Case Management (<c>ProviderReferralExpired</c>) so the link worker can look elsewhere.
/// </summary>
public sealed partial class ProviderReferralTimer(
    IServiceScopeFactory scopeFactory,
    IOptions<DirectoryOptions> options,
    TimeProvider time,
    ILogger<ProviderReferralTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: (reminded, expired).</summary>
    public async Task<(int Reminded, int Expired)> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var now = time.GetUtcNow();
        var remindBefore = now.AddDays(-options.Value.ReminderDays);
        var expireBefore = now.AddDays(-options.Value.ExpiryDays);

        var waiting = await db.ProviderReferrals
            .Where(r => r.Status == ProviderReferralStatus.Requested
                        && ((r.OfferedAt ?? r.ReceivedAt) <= expireBefore || (r.RemindedAt == null && (r.OfferedAt ?? r.ReceivedAt) <= remindBefore)))
            .OrderBy(r => r.OfferedAt ?? r.ReceivedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var organizations = waiting.Select(r => r.OrganizationId).Distinct().ToList();
        var emails = await db.Organizations.Where(o => organizations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Email, cancellationToken);
        var (reminded, expired) = (0, 0);
        foreach (var referral in waiting)
        {
            if (referral.AwaitedSince <= expireBefore)
            {
                db.AddIntegrationEvent(referral.Expire(now), referral.Id.ToString());
                expired++;
            }
            else
            {
                referral.Remind(now);
                // The organisation is chased by email too (the Notifications service), with a link to the inbox only.
                db.AddIntegrationEvent(
                    new ProviderNoticeDue(Guid.CreateVersion7(now), now, referral.Id, referral.OrganizationId, emails.GetValueOrDefault(referral.OrganizationId), "chaser"),
                    referral.Id.ToString());
                reminded++;
            }
        }

        // An offer that expired goes to the next in line.
        foreach (var serviceId in waiting.Where(r => r.Status == ProviderReferralStatus.Expired && r.OfferedAt is not null).Select(r => r.ServiceId).Distinct())
        {
            await db.MoveOnAsync(await db.Services.SingleAsync(s => s.Id == serviceId, cancellationToken), now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (reminded + expired > 0)
        {
            LogChecked(logger, reminded, expired);
        }

        return (reminded, expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider referrals: {Reminded} reminded, {Expired} expired")]
    private static partial void LogChecked(ILogger logger, int reminded, int expired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking waiting provider referrals failed ({ErrorType}); will try again")]
    private static partial void LogCheckFailed(ILogger logger, string errorType);
}
