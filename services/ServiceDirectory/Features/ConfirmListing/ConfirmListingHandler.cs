using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features.ConfirmListing;

/// <summary>
/// A provider answers the one-time link about their stale listing: the details are right (the listing is marked checked
/// today) or something needs changing (kept for an admin, listed on the admin page). Each answer uses the link up; both
/// audited. Unknown → null; used or expired → the confirmation with <c>Usable</c> false.
/// </summary>
public sealed class ConfirmListingHandler(DirectoryDbContext db, TimeProvider time, IHttpContextAccessor accessor)
{
    public const int MaxChanges = 4000;

    public async Task<(ListingConfirmation? Confirmation, Service? Service)> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = ListingConfirmation.Hash(token);
        var confirmation = await db.ListingConfirmations.SingleOrDefaultAsync(c => c.TokenHash == hash, cancellationToken);
        var service = confirmation is null ? null
            : await db.Services.Include(s => s.Organization).Include(s => s.ServiceAtLocations).ThenInclude(l => l.Location)
                .SingleOrDefaultAsync(s => s.Id == confirmation.ServiceId, cancellationToken);
        return (confirmation, service);
    }

    public async Task ConfirmAsync(ListingConfirmation confirmation, Service service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        ArgumentNullException.ThrowIfNull(service);
        var now = time.GetUtcNow();
        confirmation.Confirm(now);
        service.AssuredDate = DateOnly.FromDateTime(now.UtcDateTime);
        service.AssurerEmail = service.Organization.Email;
        service.LastModified = now;
        db.Audit(accessor.HttpContext!, "confirmed", DirectoryAudit.Service, [service.Id], time);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AskForChangesAsync(ListingConfirmation confirmation, Service service, string changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        ArgumentNullException.ThrowIfNull(service);
        confirmation.AskForChanges(changes.Trim(), time.GetUtcNow());
        db.Audit(accessor.HttpContext!, "changes-asked", DirectoryAudit.Service, [service.Id], time);
        await db.SaveChangesAsync(cancellationToken);
    }
}
