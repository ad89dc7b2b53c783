using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.ReadReferral;

/// <summary>A referral's summary and the person's details, for those who may read them (<see cref="AccessPolicies.ReferralReader"/>); every read audited.</summary>
public static class ReadReferralEndpoints
{
    public static RouteGroupBuilder MapReadReferral(this RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}", GetReferral)
            .WithName("GetReferral")
            .WithSummary("A referral's summary, for the link workers of its case's team, managers and the call handler who took it (audited)")
            .RequireAuthorization(AccessPolicies.ReferralReader)
            .ReturnsRecords(RecordScope.CaseTeam);

        api.MapGet("/names", GetNames)
            .WithName("GetReferralNames")
            .WithSummary("The person's name for each referral id given (id=…&id=…, at most 100) that the caller may read: caseloads show people by name (audited)")
            .RequireAuthorization(AccessPolicies.ReferralReader)
            .ReturnsRecords(RecordScope.CaseTeam)
            .ProducesValidationProblem();

        api.MapGet("/{id:guid}/person", GetPerson)
            .WithName("GetReferralPerson")
            .WithSummary("The person's details and what they or their referrer told us, for the link workers of their case's team, managers and the call handler who took it (audited)")
            .RequireAuthorization(AccessPolicies.ReferralReader)
            .ReturnsRecords(RecordScope.CaseTeam);
        return api;
    }

    public static async Task<Results<Ok<ReferralPerson>, NotFound>> GetPerson(
        Guid id,
        HttpContext context,
        ReferralDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var found = await ReadAuditedAsync(
            db.Referrals.AsNoTracking()
                .ReadableBy(context.User)
                .Where(r => r.Id == id)
                .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new ReferralPerson(
                    r.Id, r.Reference, p.GivenName, p.FamilyName, p.DateOfBirth, p.Postcode, p.Phone, p.Email, p.NhsNumber,
                    p.PreferredContact, r.Needs, r.Reason, r.HarmToSelf, r.HarmToOthers, r.InCrisis, p.GpConsentWithdrawn ? GpSharing.None : r.ShareWithGp,
                    r.ReferrerName == null ? null : new ReferrerView(r.ReferrerName, r.ReferrerRole, r.ReferrerOrganisation, r.ReferrerEmail), r.SubmittedAt, r.PersonId)
                {
                    ProviderConsentWithdrawn = p.ProviderConsentWithdrawn,
                    Sender = r.Sender,
                }),
            person => person.Id, context, db, time, cancellationToken);
        if (found.Result is not Ok<ReferralPerson> { Value: { } person })
        {
            return found;
        }

        // The person's other episodes: their referrals held in other cases (or in none yet), one line each.
        var own = await db.Referrals.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.CaseId, Episode = r.DuplicateOfId ?? r.Id }).SingleAsync(cancellationToken);
        var others = await db.Referrals.AsNoTracking()
            .Where(r => r.PersonId == person.PersonId && r.Id != own.Episode && r.DuplicateOfId != own.Episode && (own.CaseId == null || r.CaseId != own.CaseId))
            .Where(r => r.DuplicateOfId == null)
            .OrderBy(r => r.SubmittedAt)
            .Select(r => new EpisodeView(r.Id, r.Reference, r.SubmittedAt, r.Status, r.CaseId, r.ClosedOutcome, r.ClosedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(person with { OtherEpisodes = others });
    }

    public const int MaxNames = 100;

    public static async Task<Results<Ok<List<ReferralName>>, ValidationProblem>> GetNames(
        HttpContext context, ReferralDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var given = context.Request.Query["id"];
        var ids = new List<Guid>();
        foreach (var value in given)
        {
            if (!Guid.TryParse(value, out var id))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["Each id must be a referral id"] });
            }

            ids.Add(id);
        }

        if (ids.Count is 0 or > MaxNames)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"Give between 1 and {MaxNames} referral ids (id=…&id=…)"] });
        }

        var names = await db.Referrals.AsNoTracking().ReadableBy(context.User).Where(r => ids.Contains(r.Id))
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new ReferralName(r.Id, p.GivenName, p.FamilyName))
            .ToListAsync(cancellationToken);
        if (names.Count > 0)
        {
            db.Audit(context, "read", ReferralAudit.Resource, names.Select(n => n.ReferralId), time);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(names);
    }

    /// <summary>The one referral <paramref name="found"/> selects, its read recorded in the audit trail first; or 404.</summary>
    private static async Task<Results<Ok<T>, NotFound>> ReadAuditedAsync<T>(
        IQueryable<T> found, Func<T, Guid> idOf, HttpContext context, ReferralDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var item = await found.SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        db.Audit(context, "read", ReferralAudit.Resource, [idOf(item)], time);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(item);
    }

    public static async Task<Results<Ok<ReferralSummary>, NotFound>> GetReferral(
        Guid id,
        HttpContext context,
        ReferralDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        return await ReadAuditedAsync(
            db.Referrals.AsNoTracking()
                .ReadableBy(context.User)
                .Where(r => r.Id == id)
                .Select(r => new ReferralSummary(r.Id, r.Reference, r.Channel, r.Source, r.Status, r.Urgent, r.Needs, r.SubmittedAt, r.UpdatedAt)),
            summary => summary.Id, context, db, time, cancellationToken);
    }
}
