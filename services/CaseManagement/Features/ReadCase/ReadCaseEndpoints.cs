using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;

namespace SocialPrescribing.CaseManagement.Features.ReadCase;

/// <summary>One case (by id or by a referral's reference) and its audit trail; every read audited.</summary>
public static class ReadCaseEndpoints
{
    public static RouteGroupBuilder MapReadCase(this RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}", GetCase)
            .WithName("GetCase")
            .WithSummary("One case")
            .ReturnsRecords(RecordScope.CaseTeam);
        api.MapGet("/by-reference/{reference}", GetCaseByReference)
            .WithName("GetCaseByReference")
            .WithSummary("The case opened from a referral, by the referral's reference")
            .ReturnsRecords(RecordScope.CaseTeam);
        api.MapGet("/{id:guid}/audit", GetAuditTrail)
            .WithName("GetCaseAuditTrail")
            .WithSummary("Who read or changed this case, when and how (managers)")
            .RequireAuthorization(AccessPolicies.AuditReader)
            .ReturnsRecords(RecordScope.CaseTeam);
        return api;
    }

    public static async Task<Results<Ok<CaseView>, NotFound>> GetCase(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var found = await CaseView.FindAsync(services.Db, services.Db.Cases.VisibleTo(services.Http.User).Where(c => c.Id == id), services.Time.GetUtcNow(), cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        await services.AuditReadAsync([found.Id], cancellationToken);
        return TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<CaseView>, NotFound>> GetCaseByReference(
        string reference, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var normalised = reference.Trim().ToUpperInvariant();
        var found = await CaseView.FindAsync(services.Db, services.Db.Cases.VisibleTo(services.Http.User).Where(c => c.Reference == normalised || c.AlsoReferred.Any(r => r.Reference == normalised)),
            services.Time.GetUtcNow(), cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        await services.AuditReadAsync([found.Id], cancellationToken);
        return TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<List<AuditView>>, NotFound>> GetAuditTrail(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        if (!await services.Db.Cases.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = await services.Db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.ResourceType == CaseServices.AuditResource && a.ResourceId == id)
            .OrderByDescending(a => a.Id)
            .Select(a => new AuditView(a.At, a.Actor, a.ActorRoles, a.Action, a.Route))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }
}

public sealed record AuditView(DateTimeOffset At, string Actor, string ActorRoles, string Action, string Route);
