using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ReferralIntake.Features.SearchPeople;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.Features.ReadPerson;

/// <summary>
/// A person's record for those who may see it: managers any; link workers a person with a referral
/// in their teams' cases (and only those referrals). Anyone else, or no such person: null (404). Audited.
/// </summary>
public sealed class ReadPersonHandler(ReferralDbContext db, TimeProvider time)
{
    public async Task<PersonView?> ReadAsync(Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var readable = db.Referrals.AsNoTracking().ReadableBy(http.User);
        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == id && (http.User.IsInRole(SuiteRoles.Manager) || readable.Any(r => r.PersonId == p.Id)))
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var referrals = await readable.Where(r => r.PersonId == id).OrderBy(r => r.SubmittedAt)
            .Select(r => new PersonReferral(r.Id, r.Reference, r.CaseId, r.Status, r.SubmittedAt))
            .ToListAsync(cancellationToken);
        var history = await db.PersonChanges.AsNoTracking().Where(c => c.PersonId == id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new PersonChangeView(c.At, c.By, c.Kind, c.Fields, c.Reason))
            .ToListAsync(cancellationToken);
        var merges = await db.PersonMerges.AsNoTracking().Where(m => m.SurvivorId == id || m.MergedId == id).OrderByDescending(m => m.MergedAt)
            .Select(m => new PersonMergeView(m.Id, m.SurvivorId, m.MergedId, m.MergedAt, m.MergedBy, m.UndoneAt, m.UndoneBy))
            .ToListAsync(cancellationToken);
        db.Audit(http, "read", SearchPeopleHandler.AuditResource, [id], time);
        await db.SaveChangesAsync(cancellationToken);
        return new PersonView(
            person.Id, person.GivenName, person.FamilyName, person.DateOfBirth, person.Postcode, person.Phone, person.Email, person.NhsNumber,
            person.PreferredContact, new PersonConsentView(!person.GpConsentWithdrawn, !person.ProviderConsentWithdrawn), person.MergedIntoId,
            referrals, history, merges)
        {
            Restricted = person.Restricted,
        };
    }
}
