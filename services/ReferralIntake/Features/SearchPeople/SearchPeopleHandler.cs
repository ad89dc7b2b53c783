using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.SearchPeople;

/// <summary>A person a search found, with the referrals of theirs the searcher may open.</summary>
public sealed record PersonFound(
    Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, string Postcode, string? NhsNumber, IReadOnlyList<PersonReferral> Referrals);

public sealed record PersonReferral(Guid Id, string Reference, Guid? CaseId, string Status, DateTimeOffset SubmittedAt);

public sealed record PeopleFound(IReadOnlyList<PersonFound> Items);

/// <summary>
/// Finds people for staff: only those with a referral the searcher may read (a link worker's teams'
/// cases; managers everyone), best name match first. Every search is kept with its terms and whom it
/// found (<see cref="PersonSearch"/>), and each person found gets an audit entry.
/// </summary>
public sealed class SearchPeopleHandler(ReferralDbContext db, TimeProvider time)
{
    public const int MaxResults = 50;

    /// <summary>How alike a typed name and a person's name must be (pg_trgm word similarity, 0–1): "Lovelase" finds "Ada Lovelace".</summary>
    public const double NameSimilarity = 0.4;

    public const string AuditResource = "person";

    public async Task<IReadOnlyList<PersonFound>> SearchAsync(PersonQuery query, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(http);
        var readable = db.Referrals.AsNoTracking().ReadableBy(http.User);
        var people = db.People.AsNoTracking().Where(p => p.MergedIntoId == null);
        if (!http.User.IsInRole(SuiteRoles.Manager))
        {
            people = people.Where(p => readable.Any(r => r.PersonId == p.Id));
        }

        Dictionary<Guid, double>? likeness = null;
        if (query.Name is { } name)
        {
            likeness = await NameMatchesAsync(name, cancellationToken);
            var ids = likeness.Keys.ToList();
            people = people.Where(p => ids.Contains(p.Id));
        }

        if (query.Reference is { } reference)
        {
            people = people.Where(p => db.Referrals.Any(r => r.PersonId == p.Id && r.Reference == reference));
        }

        if (query.DateOfBirth is { } born)
        {
            people = people.Where(p => p.DateOfBirth == born);
        }

        if (query.NhsNumber is { } nhs)
        {
            people = people.Where(p => p.NhsNumber == nhs);
        }

        if (query.Postcode is { } postcode)
        {
            people = people.Where(p => p.Postcode == postcode);
        }

        if (query.OutwardCode is { } outward)
        {
            var district = outward + " ";
            people = people.Where(p => p.Postcode.StartsWith(district));
        }

        var found = await people
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
            .Take(likeness is null ? MaxResults : 500)
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Postcode, p.NhsNumber })
            .ToListAsync(cancellationToken);
        var best = likeness is null ? found : [.. found.OrderByDescending(p => likeness[p.Id]).Take(MaxResults)];
        var foundIds = best.Select(p => p.Id).ToList();
        var referrals = (await readable.Where(r => foundIds.Contains(r.PersonId))
                .OrderBy(r => r.SubmittedAt)
                .Select(r => new { r.PersonId, Referral = new PersonReferral(r.Id, r.Reference, r.CaseId, r.Status, r.SubmittedAt) })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.PersonId, r => r.Referral);

        db.PersonSearches.Add(new PersonSearch(time.GetUtcNow(), http.Actor(), query.Terms, foundIds));
        db.Audit(http, "search", AuditResource, foundIds, time);
        await db.SaveChangesAsync(cancellationToken);
        return [.. best.Select(p => new PersonFound(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Postcode, p.NhsNumber, [.. referrals[p.Id]]))];
    }

    /// <summary>People whose name is like <paramref name="name"/> (already folded), with how alike; the trigram index answers it.</summary>
    private async Task<Dictionary<Guid, double>> NameMatchesAsync(string name, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var threshold = NameSimilarity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlAsync($"SELECT set_config('pg_trgm.word_similarity_threshold', {threshold}, true)", cancellationToken);
        var matches = await db.Database
            .SqlQuery<NameMatch>($"SELECT id, word_similarity({name}, search_name)::float8 AS score FROM people WHERE {name} <% search_name AND merged_into_id IS NULL ORDER BY 2 DESC LIMIT 500")
            .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return matches.ToDictionary(m => m.Id, m => m.Score);
    }

    private sealed record NameMatch(Guid Id, double Score);
}
