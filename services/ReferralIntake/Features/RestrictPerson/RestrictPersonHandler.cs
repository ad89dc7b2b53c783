using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ReferralIntake.Features.SearchPeople;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.RestrictPerson;

/// <summary>
/// Restriction (UK GDPR Article 18), for managers: the person's record is kept but its use stops: only
/// managers find or read it, in every service (told by <see cref="PersonDetailsChanged"/>); lifting it
/// undoes that. Kept in the person's history with the reason, audited.
/// </summary>
public sealed class RestrictPersonHandler(ReferralDbContext db, TimeProvider time)
{
    /// <summary>False when there is no such person (or the record was merged into another).</summary>
    public async Task<bool> RestrictAsync(Guid personId, bool restricted, string? reason, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var person = await db.People.FromSql($"SELECT *, xmin FROM people WHERE id = {personId} AND merged_into_id IS NULL FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var changes = person.Restrict(restricted, now);
        if (changes.Count > 0)
        {
            var referrals = await db.Referrals.Where(r => r.PersonId == personId).ToListAsync(cancellationToken);
            foreach (var referral in referrals)
            {
                referral.FollowRestriction(restricted);
            }

            db.PersonChanges.Add(new PersonChange(personId, now, http.Actor(), restricted ? PersonChangeKind.Restricted : PersonChangeKind.RestrictionLifted, changes, reason));
            db.Audit(http, restricted ? "restrict" : "unrestrict", SearchPeopleHandler.AuditResource, [personId], time);
            db.AddIntegrationEvent((await PersonRecords.OfAsync(db, personId, cancellationToken)).DetailsChanged(person, now), personId.ToString());
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
