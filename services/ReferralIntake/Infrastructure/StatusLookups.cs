using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ReferralIntake.Apis;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Infrastructure;

/// <summary>A wrong date of birth given with a reference: counted so nobody can guess one (at most 5 a day).</summary>
public sealed class StatusLookupFailure
{
    public long Id { get; private set; }

    public string Reference { get; private set; } = "";

    public DateTimeOffset FailedAt { get; private set; }

    private StatusLookupFailure()
    {
    }

    public StatusLookupFailure(string reference, DateTimeOffset failedAt)
    {
        Reference = reference;
        FailedAt = failedAt;
    }
}

public enum StatusLookupOutcome
{
    Found,
    NotFound,

    /// <summary>Too many wrong dates of birth for this reference lately: the person is asked to call.</summary>
    Locked,
}

public sealed record StatusLookupResult(StatusLookupOutcome Outcome, ReferralStatusView? Status, TimeSpan RetryAfter);

/// <summary>
/// A referral's status by its reference and the person's date of birth, for the page and the API alike.
/// At most <see cref="MaxWrongDatesOfBirth"/> wrong dates of birth per reference in <see cref="Window"/>,
/// counted in Intake's database so every copy of the service and of the gateway shares the count; after
/// that the reference answers "call us", even with the right date. Any reference counts, whether or not
/// it exists, so the lock says nothing about which references are real.
/// </summary>
public static class StatusLookups
{
    public const int MaxWrongDatesOfBirth = 5;

    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static async Task<StatusLookupResult> LookUpAsync(
        ReferralDbContext db, string reference, DateOnly? dateOfBirth, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalised = reference.Trim().ToUpperInvariant();
        if (dateOfBirth is null || !ReferenceGenerator.LooksLikeReference(normalised))
        {
            return new StatusLookupResult(StatusLookupOutcome.NotFound, null, TimeSpan.Zero);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One look-up of a reference at a time (across copies), so two guesses together cannot both pass the count.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"status-lookup:" + normalised}, 0))", cancellationToken);
        var since = now - Window;
        var failures = await db.StatusLookupFailures.AsNoTracking()
            .Where(f => f.Reference == normalised && f.FailedAt > since)
            .Select(f => f.FailedAt)
            .ToListAsync(cancellationToken);
        if (failures.Count >= MaxWrongDatesOfBirth)
        {
            await transaction.CommitAsync(cancellationToken);
            return new StatusLookupResult(StatusLookupOutcome.Locked, null, failures.Min() + Window - now);
        }

        var found = await db.Referrals.AsNoTracking()
            .Where(r => r.Reference == normalised && r.DateOfBirth == dateOfBirth)
            .Select(r => new ReferralStatusView(r.Reference, r.Status, r.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            db.StatusLookupFailures.Add(new StatusLookupFailure(normalised, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new StatusLookupResult(found is null ? StatusLookupOutcome.NotFound : StatusLookupOutcome.Found, found, TimeSpan.Zero);
    }

    /// <summary>Removes the failures too old to count.</summary>
    public static Task<int> PruneAsync(ReferralDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var before = now - Window;
        return db.StatusLookupFailures.Where(f => f.FailedAt <= before).ExecuteDeleteAsync(cancellationToken);
    }
}
