using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure;

/// <summary>
/// A service's waiting list, kept in its provider referrals (status <c>waiting</c>, in order of arrival). Whatever
/// frees a place or changes the line (a person finishing, an offer declined or expired, a request withdrawn, more
/// places, referrals resumed) calls <see cref="MoveOnAsync"/> before saving, in the same transaction.
/// </summary>
public static class WaitingLists
{
    /// <summary>
    /// The line for <paramref name="serviceId"/> as this context sees it (tracked changes not yet saved included):
    /// those waiting in order, and how many places have been offered and not yet answered.
    /// </summary>
    public static async Task<(List<ProviderReferral> Waiting, int OffersOpen)> LineAsync(this DirectoryDbContext db, Guid serviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.ProviderReferrals
            .Where(r => r.ServiceId == serviceId && (r.Status == ProviderReferralStatus.Waiting || r.Status == ProviderReferralStatus.Requested))
            .ToListAsync(cancellationToken);
        // A tracked referral answered in this unit of work still reads as open in the database: its own status decides.
        var waiting = open.Where(r => r.Status == ProviderReferralStatus.Waiting).OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).ToList();
        return (waiting, open.Count(r => r.Status == ProviderReferralStatus.Requested && r.OfferedAt is not null));
    }

    /// <summary>
    /// Offers the places free to the first in line (each goes to the provider's inbox, and the provider is emailed),
    /// and tells Case Management where everyone still waiting now stands.
    /// </summary>
    public static async Task MoveOnAsync(this DirectoryDbContext db, Service service, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var (waiting, offersOpen) = await db.LineAsync(service.Id, cancellationToken);
        var offered = waiting.Take(WaitingList.PlacesToOffer(service, waiting.Count, offersOpen)).ToList();
        if (offered.Count > 0)
        {
            var email = await db.Organizations.Where(o => o.Id == service.OrganizationId).Select(o => o.Email).SingleOrDefaultAsync(cancellationToken);
            foreach (var referral in offered)
            {
                db.AddIntegrationEvent(referral.Offer(now), referral.Id.ToString());
                db.AddIntegrationEvent(
                    new ProviderNoticeDue(Guid.CreateVersion7(now), now, referral.Id, service.OrganizationId, email, "waiting"), referral.Id.ToString());
            }
        }

        var still = waiting.Skip(offered.Count).Select((r, i) => new WaitingListPlace(r.Id, r.CaseId, i + 1)).ToList();
        if (still.Count > 0 || offered.Count > 0)
        {
            db.AddIntegrationEvent(new WaitingListMoved(Guid.CreateVersion7(now), now, service.Id, still), service.Id.ToString());
        }
    }
}
