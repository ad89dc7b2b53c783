using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ReferralIntake.Infrastructure;

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
        return await ReadAuditedAsync(
            db.Referrals.AsNoTracking()
                .ReadableBy(context.User)
                .Where(r => r.Id == id)
                .Select(r => new ReferralPerson(r.Id, r.Reference, r.GivenName, r.FamilyName, r.DateOfBirth, r.Postcode, r.Phone, r.Email, r.NhsNumber,
                    r.PreferredContact, r.Needs, r.Reason, r.HarmToSelf, r.HarmToOthers, r.InCrisis, r.ShareWithGp,
                    r.ReferrerName == null ? null : new ReferrerView(r.ReferrerName, r.ReferrerRole, r.ReferrerOrganisation, r.ReferrerEmail), r.SubmittedAt, r.PersonReference)),
            person => person.Id, context, db, time, cancellationToken);
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
