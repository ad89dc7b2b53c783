using SocialPrescribing.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using System.Text.Json;
using Npgsql;
using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.Privacy;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.SubmitReferral;

/// <summary>
/// Submitting a referral, for every front end (the JSON API, the FHIR API, the public, phone and
/// professional forms): stores a valid referral and its ReferralSubmitted event in one transaction.
/// </summary>
public sealed partial class SubmitReferralHandler(ReferralDbContext db, TimeProvider time, ILogger<SubmitReferralHandler> logger)
{
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

            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // A failed commit starts again from the top: no savepoint (two round trips) is needed.
            db.Database.AutoSavepointsEnabled = false;
            var personKey = Referral.PersonKeyOf(valid.Person.GivenName, valid.Person.FamilyName, valid.Person.DateOfBirth, valid.Person.Postcode);
            var known = await FindPersonAsync(personKey, valid.Person.NhsNumber, cancellationToken);
            var person = known is { } found ? await db.People.SingleAsync(p => p.Id == found.PersonId, cancellationToken) : Person.From(valid.Person, now);
            if (known is null)
            {
                db.People.Add(person);
            }
            else if (person.TakeNewerDetails(valid.Person, now) is { Count: > 0 } newer)
            {
                db.PersonChanges.Add(new PersonChange(person.Id, now, PersonChangeKind.Referred, PersonChangeKind.Referred, newer));
            }

            var referral = Referral.Submit(valid, person.Id, ReferenceGenerator.Next(), http.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value, now);
            referral.FollowRestriction(person.Restricted);
            var created = ReferralCreated.From(referral);
            if (known?.OpenReferral is { } original)
            {
                referral.LinkAsDuplicateOf(original.Id, original.DuplicateOfId);
            }

            db.Referrals.Add(referral);
            // One ordering key per person's episode: the first referral's case exists before a repeat arrives.
            var orderingKey = (referral.DuplicateOfId ?? referral.Id).ToString();
            // A safeguarding concern raised with the referral travels only to Case Management, which holds concerns.
            db.AddIntegrationEvent(referral.ToSubmittedEvent() with { Concern = valid.Concern }, orderingKey);
            // The person is told the reference, the way they chose (the Notifications service; the contact goes only there).
            db.AddIntegrationEvent(new ReferralAcknowledgementDue(Guid.CreateVersion7(now), now, referral.Id, person.Id, referral.Reference,
                new NoticeRecipient(person.GivenName, person.Email, person.Phone, person.PreferredContact, referral.Language)), orderingKey);
            if (referral.ToFlaggedUrgentEvent() is { } flagged)
            {
                db.AddIntegrationEvent(flagged, orderingKey);
            }

            db.Audit(http, "write", ReferralAudit.Resource, [referral.Id], time);
            if (idempotent is not null)
            {
                db.Add(new IdempotencyRecord
                {
                    Caller = idempotent.Caller,
                    Key = idempotent.Key,
                    RequestHash = idempotent.RequestHash,
                    ReferralId = referral.Id,
                    // Kept as JSON, to answer a repeat with exactly the first answer.
                    Response = JsonSerializer.Serialize(created, JsonSerializerOptions.Web),
                    CreatedAt = referral.SubmittedAt,
                });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogAccepted(logger, referral.Reference, referral.Channel, referral.Source, referral.Urgent, valid.Person.Postcode);
                return new Submission(SubmissionOutcome.Created, referral, created);
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
    /// The person this referral is about, if Intake knows them: by NHS number, or by the same normalised
    /// name, date of birth and postcode (theirs now, or as on one of their referrals) unless the NHS numbers
    /// differ; a record merged into another answers with the survivor. With it, the person's earliest open
    /// referral (its id and the episode it belongs to), which this one repeats. Locks the person first
    /// (transaction-scoped advisory locks, always in the same order), so two referrals for one person
    /// arriving together cannot both create them or both start an episode. Lock and look-up travel as one
    /// batch of two statements: one round trip, and the look-up still sees what a lock holder committed.
    /// </summary>
    private async Task<KnownPerson?> FindPersonAsync(string personKey, string? nhsNumber, CancellationToken cancellationToken)
    {
        var keys = new[] { "nhs:" + nhsNumber, "person:" + personKey }.Where(k => !k.EndsWith(':')).ToArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection)
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT unnest($1) AS k ORDER BY 1) AS person_keys")
                {
                    Parameters = { new NpgsqlParameter { Value = keys } },
                },
                new NpgsqlBatchCommand(
                    "WITH person AS (" +
                    "  SELECT coalesce(p.merged_into_id, p.id) AS id FROM people p " +
                    "  WHERE ($2::text IS NOT NULL AND p.nhs_number = $2) " +
                    "     OR (($2::text IS NULL OR p.nhs_number IS NULL) " +
                    "         AND (p.person_key = $1 OR EXISTS (SELECT 1 FROM referrals k WHERE k.person_id = p.id AND k.person_key = $1))) " +
                    "  ORDER BY coalesce(p.nhs_number = $2, false) DESC, p.created_at LIMIT 1) " +
                    "SELECT person.id, r.id, r.duplicate_of_id FROM person LEFT JOIN LATERAL (" +
                    "  SELECT id, duplicate_of_id FROM referrals WHERE person_id = person.id AND status <> ALL($3) ORDER BY submitted_at LIMIT 1" +
                    ") r ON true")
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = personKey },
                        new NpgsqlParameter { Value = (object?)nhsNumber ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                        new NpgsqlParameter { Value = ReferralStatus.Ended },
                    },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var personId = reader.GetGuid(0);
        if (await reader.IsDBNullAsync(1, cancellationToken))
        {
            return new KnownPerson(personId, null);
        }

        return new KnownPerson(personId, (reader.GetGuid(1), await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetGuid(2)));
    }

    private sealed record KnownPerson(Guid PersonId, (Guid Id, Guid? DuplicateOfId)? OpenReferral);

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
        return new Submission(SubmissionOutcome.Replayed, referral, JsonSerializer.Deserialize<ReferralCreated>(earlier.Response, JsonSerializerOptions.Web));
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

/// <summary>What became of a submission; <see cref="Referral"/> and <see cref="Created"/> (the answer) are null when the key was reused.</summary>
public sealed record Submission(SubmissionOutcome Outcome, Referral? Referral, ReferralCreated? Created);
