using SocialPrescribing.Persistence.Retention;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ReferralIntake.Features.SearchPeople;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.SubjectAccess;

/// <summary>Where an export stands: each service's part, and whether each format was downloaded.</summary>
public sealed record AccessRequestView(
    Guid Id, Guid PersonId, string Status, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? ReadyAt, DateTimeOffset ExpiresAt,
    IReadOnlyList<ServicePart> Services, DateTimeOffset? JsonDownloadedAt, DateTimeOffset? HtmlDownloadedAt);

/// <summary>A service's part: <c>pending</c> or <c>included</c>.</summary>
public sealed record ServicePart(string Service, string Status, DateTimeOffset? ReceivedAt);

public enum DownloadOutcome
{
    Ready,
    NotFound,
    NotYours,
    NotReady,
    Gone,
}

/// <summary>
/// Subject access (UK GDPR Article 15), for managers: start an export of everything held about a person
/// (every other service is asked through <see cref="SubjectAccessRequested"/>), see it come together,
/// and download it, once per format, within 30 days. Each step audited on the person.
/// </summary>
public sealed class SubjectAccessHandler(ReferralDbContext db, TimeProvider time, RetentionPeriods retention)
{
    public async Task<AccessRequestView?> StartAsync(Guid personId, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var request = AccessRequest.Start(personId, http.Actor(), now, retention[RetentionSchedule.Exports].EndsAt(now));
        var records = await PersonRecords.OfAsync(db, personId, cancellationToken);
        db.AccessRequests.Add(request);
        db.AddIntegrationEvent(new SubjectAccessRequested(Guid.CreateVersion7(now), now, request.Id, personId, records.ReferralIds, records.CaseIds), request.Id.ToString());
        db.Audit(http, "export-request", SearchPeopleHandler.AuditResource, [personId], time);
        await db.SaveChangesAsync(cancellationToken);
        return View(request, now);
    }

    public async Task<AccessRequestView?> ReadAsync(Guid personId, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.AccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.PersonId == personId, cancellationToken);
        return request is null ? null : View(request, time.GetUtcNow());
    }

    /// <summary>The person's exports, newest first.</summary>
    public async Task<IReadOnlyList<AccessRequestView>> ListAsync(Guid personId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var requests = await db.AccessRequests.AsNoTracking().Where(r => r.PersonId == personId).OrderByDescending(r => r.RequestedAt).ToListAsync(cancellationToken);
        return [.. requests.Select(r => View(r, now))];
    }

    /// <summary>The export in one format, for the manager who asked, once; the download is audited and the copy dropped.</summary>
    public async Task<(DownloadOutcome Outcome, string? Content)> DownloadAsync(Guid personId, Guid requestId, bool html, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.AccessRequests.FromSql($"SELECT * FROM access_requests WHERE id = {requestId} AND person_id = {personId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return (DownloadOutcome.NotFound, null);
        }

        if (request.RequestedBy != http.Actor())
        {
            return (DownloadOutcome.NotYours, null);
        }

        var now = time.GetUtcNow();
        if (request.Status(now) == "pending")
        {
            return (DownloadOutcome.NotReady, null);
        }

        if (request.TakeDownload(html, now) is not { } content)
        {
            return (DownloadOutcome.Gone, null);
        }

        db.Audit(http, "export-download", SearchPeopleHandler.AuditResource, [personId], time);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (DownloadOutcome.Ready, content);
    }

    private static AccessRequestView View(AccessRequest r, DateTimeOffset now) => new(
        r.Id, r.PersonId, r.Status(now), r.RequestedBy, r.RequestedAt, r.ReadyAt, r.ExpiresAt,
        [
            new ServicePart(ResourceNames.ReferralIntake, "included", r.ReadyAt),
            .. AccessRequest.Contributors.Select(s => r.Parts.SingleOrDefault(p => p.Service == s) is { } part
                ? new ServicePart(s, "included", part.ReceivedAt)
                : new ServicePart(s, "pending", null)),
        ],
        r.JsonDownloadedAt, r.HtmlDownloadedAt);
}
