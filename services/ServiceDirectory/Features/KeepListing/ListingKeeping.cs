using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ServiceDirectory.Features.KeepListing;

/// <summary>
/// What a provider says about their service's places now: places in all and free (null: not counted), the wait a new
/// person faces in days (null: let the directory estimate it from recent acceptances), and whether new referrals are paused.
/// </summary>
public sealed record CapacityChange(int? Maximum, int? Available, int? WaitDays, bool Paused)
{
    /// <summary>Each mistake by its field: below 0 or over 10,000, free places beyond the places, free places without a total.</summary>
    public ValidationErrors Check()
    {
        var errors = new ValidationErrors();
        foreach (var (field, value, words) in new[] { ("maximum", Maximum, "Places"), ("available", Available, "Free places"), ("waitDays", WaitDays, "The wait") })
        {
            if (value is < 0 or > Service.MaxCapacity)
            {
                errors.Add(field, $"{words} must be a whole number from 0 to {Service.MaxCapacity:N0}.");
            }
        }

        if (Available is { } free && Maximum is { } all && free > all && !errors.Has("available"))
        {
            errors.Add("available", "There cannot be more free places than places.");
        }

        if (Available is not null && Maximum is null && !errors.Has("available"))
        {
            errors.Add("maximum", "Say how many places there are in all, as well as how many are free.");
        }

        return errors;
    }
}

/// <summary>A service as its keeper sees it in their list: places, wait, pause, who is waiting, whether it needs checking.</summary>
public sealed record KeptService(
    Guid Id, string Name, string Status, int? Maximum, int? Available, int WaitDays, int? StatedWaitDays, bool Paused, int Waiting, DateOnly? AssuredDate, bool Stale);

/// <summary>Providers keep their own services' places and listings (admins any); every change audited and marked checked.</summary>
public static class ListingKeeping
{
    /// <summary>The services the signed-in person keeps, by name.</summary>
    public static async Task<List<KeptService>> ListAsync(AdminServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var today = services.Today;
        var kept = await services.Db.Services.AsNoTracking().KeptBy(services.Http.User)
            .OrderBy(s => s.Name)
            .Select(s => new
            {
                s.Id, s.Name, s.Status, s.CapacityMaximum, s.CapacityAvailable, s.WaitDays, s.StatedWaitDays, s.ReferralsPaused, s.AssuredDate,
                Waiting = services.Db.ProviderReferrals.Count(r => r.ServiceId == s.Id && r.Status == ProviderReferralStatus.Waiting),
            })
            .Take(500)
            .ToListAsync(cancellationToken);
        return [.. kept.Select(s => new KeptService(s.Id, s.Name, s.Status, s.CapacityMaximum, s.CapacityAvailable, s.StatedWaitDays ?? s.WaitDays,
            s.StatedWaitDays, s.ReferralsPaused, s.Waiting, s.AssuredDate, Service.IsStale(s.AssuredDate, today)))];
    }

    /// <summary>
    /// Sets the service's places, wait and pause (null when the caller may not keep it: 404), marks its details checked,
    /// audits the change, and offers any place now free to the first in line, all in one commit.
    /// </summary>
    public static async Task<Service?> SetCapacityAsync(AdminServices services, Guid id, CapacityChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(change);
        var service = await services.Db.Services.KeptBy(services.Http.User).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return null;
        }

        var now = services.Time.GetUtcNow();
        service.SetPlaces(change.Maximum, change.Available);
        service.StatedWaitDays = change.WaitDays;
        service.ReferralsPaused = change.Paused;
        service.MarkChecked(services.Http.User.FindFirst("email")?.Value, now);
        services.Db.Audit(services.Http, "write", DirectoryAudit.Service, [id], services.Time);
        await services.Db.MoveOnAsync(service, now, cancellationToken);
        await services.Db.SaveChangesAsync(cancellationToken);
        return service;
    }
}
