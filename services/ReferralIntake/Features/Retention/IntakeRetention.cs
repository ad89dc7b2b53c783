using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Persistence.Retention;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.Features.Retention;

/// <summary>
/// What Intake removes as the retention schedule says: referrals that never became a case, referrals whose case
/// closed long enough ago (with the person once no referral of theirs is left: their details, history and merges),
/// staff searches and rights requests older than the audit period, and exports' contents once they expire.
/// </summary>
public static class IntakeRetention
{
    public static void Rules(RetentionRules<ReferralDbContext> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Add("unconverted-referrals", RetentionSchedule.UnconvertedReferrals,
                "referrals with no case made before the cut-off, and people left with no referral",
                (db, cutOff, _, ct) => RemoveReferralsAsync(db, db.Referrals.Where(r => r.CaseId == null && r.SubmittedAt < cutOff), ct))
            .Add("closed-referrals", RetentionSchedule.ClosedCases,
                "referrals whose case closed before the cut-off, and people left with no referral",
                (db, cutOff, _, ct) => RemoveReferralsAsync(db, db.Referrals.Where(r => r.ClosedAt != null && r.ClosedAt < cutOff), ct))
            .Add("person-searches", RetentionSchedule.Audit,
                "staff searches (their terms and whom they found) made before the cut-off",
                async (db, cutOff, _, ct) => await db.PersonSearches.Where(s => s.At < cutOff).ExecuteDeleteAsync(ct))
            .Add("rights-requests", RetentionSchedule.Audit,
                "subject access and erasure requests (the record that they were made) made before the cut-off",
                async (db, cutOff, _, ct) => await db.AccessRequests.Where(r => r.RequestedAt < cutOff).ExecuteDeleteAsync(ct)
                                             + await db.ErasureRequests.Where(r => r.RequestedAt < cutOff && r.DoneAt != null).ExecuteDeleteAsync(ct))
            .Add("exports", RetentionSchedule.Exports,
                "the contents of subject access exports past their expiry (downloaded or not)",
                async (db, _, now, ct) =>
                {
                    var expired = await db.AccessRequests
                        .Where(r => r.ExpiresAt <= now && (r.Json != null || r.Html != null || r.Parts.Any(p => p.Data != null)))
                        .ToListAsync(ct);
                    return expired.Count(r => r.Expire(now));
                });
    }

    /// <summary>Removes the referrals with what hangs off them, then the people they leave with none; returns both counts.</summary>
    private static async Task<int> RemoveReferralsAsync(ReferralDbContext db, IQueryable<Model.Referral> expired, CancellationToken cancellationToken)
    {
        var referrals = await expired.Select(r => new { r.Id, r.Reference, r.PersonId }).ToListAsync(cancellationToken);
        if (referrals.Count == 0)
        {
            return 0;
        }

        var ids = referrals.Select(r => r.Id).ToList();
        var references = referrals.Select(r => r.Reference).ToList();
        var people = referrals.Select(r => r.PersonId).Distinct().ToList();
        await db.Set<IdempotencyRecord>().Where(r => ids.Contains(r.ReferralId)).ExecuteDeleteAsync(cancellationToken);
        await db.StatusLookupFailures.Where(f => references.Contains(f.Reference)).ExecuteDeleteAsync(cancellationToken);
        var removed = await db.Referrals.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);

        // Their people with no referral left, and records merged into them (which hold none either).
        var orphans = await db.People
            .Where(p => people.Contains(p.Id) && !db.Referrals.Any(r => r.PersonId == p.Id))
            .Select(p => p.Id).ToListAsync(cancellationToken);
        orphans.AddRange(await db.People.Where(p => p.MergedIntoId != null && orphans.Contains(p.MergedIntoId.Value) && !db.Referrals.Any(r => r.PersonId == p.Id))
            .Select(p => p.Id).ToListAsync(cancellationToken));
        if (orphans.Count > 0)
        {
            await db.PersonChanges.Where(c => orphans.Contains(c.PersonId)).ExecuteDeleteAsync(cancellationToken);
            await db.PersonMerges.Where(m => orphans.Contains(m.SurvivorId) || orphans.Contains(m.MergedId)).ExecuteDeleteAsync(cancellationToken);
            removed += await db.People.Where(p => orphans.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return removed;
    }
}
