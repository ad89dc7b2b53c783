using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features.ConfirmListing;

/// <summary>
/// Daily (<c>Directory:ListingCheckInterval</c>; the first pass <c>Directory:ListingCheckFirstAfter</c>, 10 minutes, after
/// start, so a start-up is not a burst of email): each active service whose details nobody has checked for three
/// months, and whose provider has not been asked in the last 30 days, gets a one-time link; its organisation's referral
/// contact is asked (by the Notifications service, <see cref="ListingConfirmationDue"/>) to confirm or correct the listing.
/// At most 100 a pass; one copy of the service at a time (a transaction-scoped advisory lock).
/// </summary>
public sealed partial class StaleListingTimer(
    IServiceScopeFactory scopeFactory, IConfiguration configuration, PublicBaseUrl publicUrl, TimeProvider time, ILogger<StaleListingTimer> logger)
    : BackgroundService
{
    public const string ConfirmPath = "/directory/confirm/";

    private const int PerPass = 100;

    private readonly TimeSpan _interval = configuration.GetValue("Directory:ListingCheckInterval", TimeSpan.FromDays(1));

    private readonly TimeSpan _firstAfter = configuration.GetValue("Directory:ListingCheckFirstAfter", TimeSpan.FromMinutes(10));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(_firstAfter, time, stoppingToken);
        using var timer = new PeriodicTimer(_interval, time);
        do
        {
            try
            {
                await AskAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: how many providers were asked.</summary>
    public async Task<int> AskAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended('stale-listings', 0)) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var staleBefore = Service.StaleBefore(DateOnly.FromDateTime(now.UtcDateTime));
        var askedSince = now - ListingConfirmation.ValidFor;
        var stale = await db.Services
            .Where(s => s.Status == ServiceStatus.Active && (s.AssuredDate == null || s.AssuredDate < staleBefore))
            .Where(s => !db.ListingConfirmations.Any(c => c.ServiceId == s.Id && c.CreatedAt > askedSince))
            .OrderBy(s => s.AssuredDate).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Name, s.OrganizationId, s.Organization.Email })
            .Take(PerPass)
            .ToListAsync(cancellationToken);
        foreach (var service in stale)
        {
            var (confirmation, token) = ListingConfirmation.Create(service.Id, now);
            db.ListingConfirmations.Add(confirmation);
            db.AddIntegrationEvent(new ListingConfirmationDue(Guid.CreateVersion7(now), now, service.Id, service.Name, service.OrganizationId, service.Email,
                publicUrl.Link(ConfirmPath + token), confirmation.ExpiresAt), service.Id.ToString());
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (stale.Count > 0)
        {
            LogAsked(logger, stale.Count);
        }

        return stale.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stale listings: {Count} providers asked to confirm theirs")]
    private static partial void LogAsked(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking providers to confirm stale listings failed ({ErrorType}); will try again")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
