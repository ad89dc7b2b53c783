using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Npgsql;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.Privacy;
using SocialPrescribing.ReferralIntake.Apis;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Infrastructure;

/// <summary>Stores a valid referral and its ReferralSubmitted event in one transaction.</summary>
public sealed partial class ReferralSubmitter(ReferralDbContext db, TimeProvider time, ILogger<ReferralSubmitter> logger)
{
    public const string AuditResource = "referral";

    /// <summary>Stores the referral, its event and the audit entry of who submitted it, in one commit.</summary>
    public async Task<Referral> SubmitAsync(ValidReferral valid, HttpContext http, CancellationToken cancellationToken) =>
        (await SubmitAsync(valid, http, null, cancellationToken)).Referral!;

    /// <summary>
    /// As above; with an idempotent request, a repeat of an earlier one (same caller and key) gets
    /// the earlier referral and response instead of a new referral, and the same key with a
    /// different body is refused.
    /// </summary>
    public async Task<Submission> SubmitAsync(ValidReferral valid, HttpContext http, IdempotentRequest? idempotent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (idempotent is not null && await FindEarlierAsync(idempotent, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            var referral = Referral.Submit(valid, ReferenceGenerator.Next(), time.GetUtcNow());
            var response = JsonSerializer.Serialize(ReferralCreated.From(referral), JsonSerializerOptions.Web);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await FindOpenReferralOfSamePersonAsync(referral, cancellationToken) is { } original)
            {
                referral.LinkAsDuplicateOf(original);
            }

            db.Referrals.Add(referral);
            // One ordering key per person's episode: the first referral's case exists before a repeat arrives.
            var orderingKey = (referral.DuplicateOfId ?? referral.Id).ToString();
            db.AddIntegrationEvent(referral.ToSubmittedEvent(), orderingKey);
            if (referral.ToFlaggedUrgentEvent() is { } flagged)
            {
                db.AddIntegrationEvent(flagged, orderingKey);
            }

            db.Audit(http, "write", AuditResource, [referral.Id], time);
            if (idempotent is not null)
            {
                db.Add(new IdempotencyRecord
                {
                    Caller = idempotent.Caller,
                    Key = idempotent.Key,
                    RequestHash = idempotent.RequestHash,
                    ReferralId = referral.Id,
                    Response = response,
                    CreatedAt = referral.SubmittedAt,
                });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogAccepted(logger, referral.Reference, referral.Channel, referral.Source, referral.Urgent, valid.Person.Postcode);
                return new Submission(SubmissionOutcome.Created, referral, response);
            }
            catch (DbUpdateException ex) when (attempt < 5 && ex.InnerException is PostgresException
                                               {
                                                   SqlState: PostgresErrorCodes.UniqueViolation,
                                                   ConstraintName: "ix_referrals_reference" or "pk_idempotency_records",
                                               })
            {
                // A reference already in use (about one in 10^10), or the same idempotency key sent
                // twice at once: start again; the second finds the first's record.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The earliest open referral of the same person: same NHS number, or same normalised name, date
    /// of birth and postcode. Locks the person (transaction-scoped advisory locks) first, so two
    /// referrals for one person arriving together cannot both start an episode.
    /// </summary>
    private async Task<Referral?> FindOpenReferralOfSamePersonAsync(Referral referral, CancellationToken cancellationToken)
    {
        foreach (var key in new[] { "nhs:" + referral.NhsNumber, "person:" + referral.PersonKey }.Where(k => !k.EndsWith(':')).Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        }

        var nhsNumber = referral.NhsNumber;
        return await db.Referrals
            .Where(r => r.PersonKey == referral.PersonKey || (nhsNumber != null && r.NhsNumber == nhsNumber))
            .Where(r => r.Status != ReferralStatus.Withdrawn && r.Status != ReferralStatus.Closed)
            .OrderBy(r => r.SubmittedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<Submission?> FindEarlierAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        var earlier = await db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Caller == request.Caller && r.Key == request.Key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != request.RequestHash)
        {
            return new Submission(SubmissionOutcome.KeyReused, null, null);
        }

        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == earlier.ReferralId, cancellationToken);
        return new Submission(SubmissionOutcome.Replayed, referral, earlier.Response);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {Reference} accepted: channel {Channel}, source {Source}, urgent {Urgent}, postcode {Postcode}")]
    private static partial void LogAccepted(ILogger logger, string reference, string channel, string source, bool urgent, [Identifying] string postcode);
}

public enum SubmissionOutcome
{
    Created,
    Replayed,
    KeyReused,
}

/// <summary>What became of a submission; <see cref="Referral"/> and <see cref="Response"/> are null when the key was reused.</summary>
public sealed record Submission(SubmissionOutcome Outcome, Referral? Referral, string? Response);
