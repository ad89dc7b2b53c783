using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Rights;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.IntegrationEvents;

/// <summary>
/// A person's erasure at Intake: the person (and records merged into them), their history and merges,
/// every referral with its idempotency records and status look-ups, their subject access exports, and the
/// terms of staff searches that found them or named them. The erasure request stays as the tombstone.
/// </summary>
public sealed class EraseOnPersonErasureRequested(ReferralDbContext db, TimeProvider time, FailedMessages failed)
    : PersonEraser<ReferralDbContext>(db, time, failed, ResourceNames.ReferralIntake)
{
    protected override async Task<ErasedPart> EraseAsync(ErasureKeys keys, CancellationToken cancellationToken)
    {
        var people = keys.PersonIds.ToList();
        var referrals = keys.ReferralIds.ToList();
        var references = keys.References.ToList();
        // What a search might have typed to find them: names, NHS numbers, references (never shorter than 2 characters).
        var named = (await Db.People.Where(p => people.Contains(p.Id)).Select(p => new[] { p.FamilyName, p.NhsNumber, p.Email, p.Phone }).ToListAsync(cancellationToken))
            .SelectMany(v => v).Concat(references).Where(v => v is { Length: >= 2 }).Select(v => "%" + v + "%").Distinct().ToArray();
        var rows = await Db.Database.ExecuteSqlAsync(
            $"UPDATE person_searches SET terms = '{{}}'::jsonb, found_person_ids = ARRAY(SELECT unnest(found_person_ids) EXCEPT SELECT unnest({people.ToArray()})) WHERE found_person_ids && {people.ToArray()} OR terms::text ILIKE ANY ({named})",
            cancellationToken);
        rows += await Db.Set<Infrastructure.IdempotencyRecord>().Where(r => referrals.Contains(r.ReferralId)).ExecuteDeleteAsync(cancellationToken);
        rows += await Db.StatusLookupFailures.Where(f => references.Contains(f.Reference)).ExecuteDeleteAsync(cancellationToken);
        rows += await Db.AccessRequests.Where(r => people.Contains(r.PersonId)).ExecuteDeleteAsync(cancellationToken);
        rows += await Db.PersonChanges.Where(c => people.Contains(c.PersonId)).ExecuteDeleteAsync(cancellationToken);
        rows += await Db.PersonMerges.Where(m => people.Contains(m.SurvivorId) || people.Contains(m.MergedId)).ExecuteDeleteAsync(cancellationToken);
        rows += await Db.GpDeliveries.Where(d => referrals.Contains(d.ReferralId) || Db.Referrals.Any(r => r.Id == d.ReferralId && people.Contains(r.PersonId))).ExecuteDeleteAsync(cancellationToken);
        rows += await Db.Referrals.Where(r => people.Contains(r.PersonId) || referrals.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        rows += await Db.People.Where(p => people.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        return new ErasedPart(rows, [.. people, .. referrals], "person");
    }
}
