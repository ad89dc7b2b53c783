using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features;

/// <summary>
/// What points at a person's data across the suite: their record and any merged into it, their referrals
/// (and references), and the cases holding them. The person's rights (correction, export, restriction,
/// erasure) each tell the other services by these ids.
/// </summary>
public sealed record PersonRecords(IReadOnlyList<Guid> PersonIds, IReadOnlyList<Guid> ReferralIds, IReadOnlyList<string> References, IReadOnlyList<Guid> CaseIds)
{
    public static async Task<PersonRecords> OfAsync(ReferralDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = await db.People.Where(p => p.Id == personId || p.MergedIntoId == personId).Select(p => p.Id).ToListAsync(cancellationToken);
        var referrals = await db.Referrals.Where(r => people.Contains(r.PersonId)).Select(r => new { r.Id, r.Reference, r.CaseId }).ToListAsync(cancellationToken);
        return new PersonRecords(
            people, [.. referrals.Select(r => r.Id)], [.. referrals.Select(r => r.Reference)],
            [.. referrals.Where(r => r.CaseId != null).Select(r => r.CaseId!.Value).Distinct()]);
    }

    /// <summary>The person as every copy should now hold them: details providers may have, consent, restriction.</summary>
    public PersonDetailsChanged DetailsChanged(Person person, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new PersonDetailsChanged(
            Guid.CreateVersion7(now), now, person.Id, ReferralIds, CaseIds,
            person.ProviderConsentWithdrawn ? null : new SharedWithProvider(person.GivenName, person.Phone, person.Email),
            !person.GpConsentWithdrawn, !person.ProviderConsentWithdrawn, person.Restricted);
    }
}
