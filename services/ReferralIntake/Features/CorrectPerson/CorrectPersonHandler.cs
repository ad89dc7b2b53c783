using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ReferralIntake.Features.SearchPeople;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Features.CorrectPerson;

public enum CorrectionOutcome
{
    Done,
    NotFound,
    Invalid,
}

public sealed record CorrectionResult(CorrectionOutcome Outcome, ValidationErrors? Errors = null, IReadOnlyDictionary<string, FieldChange>? Changes = null);

/// <summary>
/// Rectification and consent changes: the person's details corrected (checked as a referral's are) and
/// their consent given or withdrawn, each kept in their history with who and why, audited, and told to
/// every service holding a copy (<see cref="PersonDetailsChanged"/>, in the same commit).
/// </summary>
public sealed class CorrectPersonHandler(ReferralDbContext db, TimeProvider time)
{
    public async Task<CorrectionResult> CorrectAsync(Guid id, PersonCorrection correction, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(correction);
        ArgumentNullException.ThrowIfNull(http);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Not AsNoTracking: in a subquery it would make the whole query untracked, and the change unsaved.
        var readable = db.Referrals.ReadableBy(http.User);
        var person = await db.People.FromSql($"SELECT *, xmin FROM people WHERE id = {id} FOR UPDATE")
            .Where(p => p.MergedIntoId == null && (http.User.IsInRole(SuiteRoles.Manager) || readable.Any(r => r.PersonId == p.Id)))
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return new CorrectionResult(CorrectionOutcome.NotFound);
        }

        var now = time.GetUtcNow();
        var changes = new Dictionary<string, FieldChange>();
        if (correction.ChangesDetails)
        {
            var errors = new ValidationErrors();
            var details = new PersonDetails(
                correction.GivenName.Or(person.GivenName), correction.FamilyName.Or(person.FamilyName), correction.DateOfBirth.Or(person.DateOfBirth),
                correction.Postcode.Or(person.Postcode), correction.Phone.Or(person.Phone), correction.Email.Or(person.Email),
                correction.NhsNumber.Or(person.NhsNumber), correction.PreferredContact.Or(person.PreferredContact));
            var valid = ReferralRules.ValidatePerson(details, DateOnly.FromDateTime(now.UtcDateTime), errors);
            if (valid is null || !errors.IsEmpty)
            {
                var named = new ValidationErrors();
                foreach (var (field, messages) in errors.ToDictionary())
                {
                    foreach (var message in messages)
                    {
                        named.Add(field.StartsWith("person.", StringComparison.Ordinal) ? field["person.".Length..] : field, message);
                    }
                }

                return new CorrectionResult(CorrectionOutcome.Invalid, named);
            }

            foreach (var (field, change) in person.Correct(valid, now))
            {
                changes[field] = change;
            }
        }

        foreach (var (field, change) in person.ChangeConsent(correction.ShareWithGp, correction.ShareWithProviders, now))
        {
            changes[field] = change;
        }

        if (changes.Count == 0)
        {
            return new CorrectionResult(CorrectionOutcome.Done, Changes: changes);
        }

        var kind = changes.Keys.All(k => k.StartsWith("share", StringComparison.Ordinal)) ? PersonChangeKind.Consent : PersonChangeKind.Corrected;
        db.PersonChanges.Add(new PersonChange(person.Id, now, http.Actor(), kind, changes, correction.Reason));
        db.Audit(http, "write", SearchPeopleHandler.AuditResource, [person.Id], time);
        db.AddIntegrationEvent((await PersonRecords.OfAsync(db, person.Id, cancellationToken)).DetailsChanged(person, now), person.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CorrectionResult(CorrectionOutcome.Done, Changes: changes);
    }
}
