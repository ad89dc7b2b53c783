using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ReferralIntake.Features.ReadPerson;
using SocialPrescribing.ReferralIntake.Features.SearchPeople;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.MergePeople;

/// <summary>What became of a merge or its undoing.</summary>
public enum MergeOutcome
{
    Done,
    NotFound,
    SamePerson,
    Conflict,
}

public sealed record LikelyDuplicate(Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, string Postcode, string? NhsNumber);

public sealed record MergeResult(MergeOutcome Outcome, PersonMergeView? Merge = null, string? Problem = null);

/// <summary>
/// A manager found two records of one person: the duplicate's referrals (and anyone merged into it
/// before) move to the survivor, and the duplicate points at it, so repeat referrals find the
/// survivor. Undoing puts each referral and record back. Both are audited and kept in both people's history.
/// </summary>
public sealed class MergePeopleHandler(ReferralDbContext db, TimeProvider time)
{
    public async Task<MergeResult> MergeAsync(Guid survivorId, Guid mergedId, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (survivorId == mergedId)
        {
            return new MergeResult(MergeOutcome.SamePerson, Problem: "A record cannot be merged into itself: choose the other record of the person.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var people = await LockAsync([survivorId, mergedId], cancellationToken);
        if (!people.TryGetValue(survivorId, out var survivor) || !people.TryGetValue(mergedId, out var merged))
        {
            return new MergeResult(MergeOutcome.NotFound);
        }

        if (survivor.MergedIntoId is not null || merged.MergedIntoId is not null)
        {
            return new MergeResult(MergeOutcome.Conflict, Problem: "One of these records was already merged into another: merge into that one, or undo the earlier merge first.");
        }

        var now = time.GetUtcNow();
        var by = http.Actor();
        var referrals = await db.Referrals.Where(r => r.PersonId == mergedId).ToListAsync(cancellationToken);
        var earlier = await db.People.Where(p => p.MergedIntoId == mergedId).ToListAsync(cancellationToken);
        foreach (var referral in referrals)
        {
            referral.MoveTo(survivorId, now);
        }

        foreach (var person in earlier)
        {
            person.PointTo(survivorId, now);
        }

        merged.PointTo(survivorId, now);
        var merge = new PersonMerge(survivorId, mergedId, referrals.Select(r => r.Id), earlier.Select(p => p.Id), by, now);
        db.PersonMerges.Add(merge);
        var link = new Dictionary<string, FieldChange> { ["mergedInto"] = new(null, survivorId.ToString()) };
        db.PersonChanges.Add(new PersonChange(mergedId, now, by, PersonChangeKind.Merged, link));
        db.PersonChanges.Add(new PersonChange(survivorId, now, by, PersonChangeKind.Merged, new Dictionary<string, FieldChange> { ["mergedFrom"] = new(null, mergedId.ToString()) }));
        db.Audit(http, "merge", SearchPeopleHandler.AuditResource, [survivorId, mergedId], time);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MergeResult(MergeOutcome.Done, View(merge));
    }

    public async Task<MergeResult> UndoAsync(Guid survivorId, Guid mergeId, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var merge = await db.PersonMerges.FromSql($"SELECT * FROM person_merges WHERE id = {mergeId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (merge is null || merge.SurvivorId != survivorId)
        {
            return new MergeResult(MergeOutcome.NotFound);
        }

        if (merge.UndoneAt is not null)
        {
            return new MergeResult(MergeOutcome.Conflict, Problem: "This merge was already undone.");
        }

        var people = await LockAsync([merge.SurvivorId, merge.MergedId, .. merge.AlsoMovedPersonIds], cancellationToken);
        var now = time.GetUtcNow();
        var by = http.Actor();
        var referrals = await db.Referrals.Where(r => merge.MovedReferralIds.Contains(r.Id)).ToListAsync(cancellationToken);
        foreach (var referral in referrals)
        {
            referral.MoveTo(merge.MergedId, now);
        }

        foreach (var id in merge.AlsoMovedPersonIds)
        {
            people[id].PointTo(merge.MergedId, now);
        }

        people[merge.MergedId].PointTo(null, now);
        merge.Undo(by, now);
        db.PersonChanges.Add(new PersonChange(merge.MergedId, now, by, PersonChangeKind.MergeUndone, new Dictionary<string, FieldChange> { ["mergedInto"] = new(survivorId.ToString(), null) }));
        db.PersonChanges.Add(new PersonChange(survivorId, now, by, PersonChangeKind.MergeUndone, new Dictionary<string, FieldChange> { ["mergedFrom"] = new(merge.MergedId.ToString(), null) }));
        db.Audit(http, "merge-undo", SearchPeopleHandler.AuditResource, [merge.SurvivorId, merge.MergedId], time);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MergeResult(MergeOutcome.Done, View(merge));
    }

    /// <summary>
    /// Other records that may be the same person, for a manager to merge: the same NHS number, or the
    /// same date of birth and a similar name (pg_trgm). Records already merged are left out.
    /// </summary>
    public async Task<IReadOnlyList<LikelyDuplicate>> LikelyDuplicatesAsync(Guid personId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<LikelyDuplicate>($"""
            SELECT o.id, o.given_name, o.family_name, o.date_of_birth, o.postcode, o.nhs_number
            FROM people p JOIN people o ON o.id <> p.id AND o.merged_into_id IS NULL
             AND ((o.nhs_number IS NOT NULL AND o.nhs_number = p.nhs_number)
                  OR (o.date_of_birth = p.date_of_birth AND similarity(o.search_name, p.search_name) >= {SearchPeopleHandler.NameSimilarity}))
            WHERE p.id = {personId}
            ORDER BY o.family_name, o.given_name LIMIT 20
            """).ToListAsync(cancellationToken);

    /// <summary>The people, locked (in id order) until the transaction ends: two merges of one person wait for each other.</summary>
    private async Task<Dictionary<Guid, Person>> LockAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        var ordered = ids.Distinct().Order().ToArray();
        var people = await db.People.FromSql($"SELECT *, xmin FROM people WHERE id = ANY({ordered}) ORDER BY id FOR UPDATE").ToListAsync(cancellationToken);
        return people.ToDictionary(p => p.Id);
    }

    private static PersonMergeView View(PersonMerge m) => new(m.Id, m.SurvivorId, m.MergedId, m.MergedAt, m.MergedBy, m.UndoneAt, m.UndoneBy);
}
