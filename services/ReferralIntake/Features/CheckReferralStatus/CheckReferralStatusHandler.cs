using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.CheckReferralStatus;

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
/// At most <see cref="StatusLookupFailure.MaxWrongDatesOfBirth"/> wrong dates of birth per reference in <see cref="StatusLookupFailure.Window"/>,
/// counted in Intake's database so every copy of the service and of the gateway shares the count; after
/// that the reference answers "call us", even with the right date. Any reference counts, whether or not
/// it exists, so the lock says nothing about which references are real.
/// </summary>
public sealed class CheckReferralStatusHandler(ReferralDbContext db)
{
    public async Task<StatusLookupResult> LookUpAsync(
        string reference, DateOnly? dateOfBirth, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalised = reference.Trim().ToUpperInvariant();
        if (dateOfBirth is null || !ReferenceGenerator.LooksLikeReference(normalised))
        {
            return new StatusLookupResult(StatusLookupOutcome.NotFound, null, TimeSpan.Zero);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One look-up of a reference at a time (across copies), so two guesses together cannot both pass the count.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"status-lookup:" + normalised}, 0))", cancellationToken);
        var since = now - StatusLookupFailure.Window;
        var failures = await db.StatusLookupFailures.AsNoTracking()
            .Where(f => f.Reference == normalised && f.FailedAt > since)
            .Select(f => f.FailedAt)
            .ToListAsync(cancellationToken);
        if (failures.Count >= StatusLookupFailure.MaxWrongDatesOfBirth)
        {
            await transaction.CommitAsync(cancellationToken);
            return new StatusLookupResult(StatusLookupOutcome.Locked, null, failures.Min() + StatusLookupFailure.Window - now);
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
}
