using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.Authentication;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ReferralIntake.Features.SearchPeople;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.ErasePerson;

/// <summary>An erasure and each service's confirmation.</summary>
public sealed record ErasureView(Guid Id, Guid PersonId, string Status, string Reason, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? DoneAt,
    IReadOnlyList<ErasureServiceView> Services);

public sealed record ErasureServiceView(string Service, DateTimeOffset? ConfirmedAt, int? Removed);

public enum ErasureOutcome
{
    Started,
    NotFound,
    Running,
    Merged,
    NotAllowed,
}

/// <summary>
/// Erasure (UK GDPR Article 17), for managers, where the law allows it (<see cref="ErasureSettings"/>): the
/// request and its event (<see cref="PersonErasureRequested"/>, ids only) in one commit; every service,
/// Intake included, erases its copy from the event and confirms. One at a time for a person.
/// </summary>
public sealed class ErasePersonHandler(ReferralDbContext db, TimeProvider time, ErasureSettings settings)
{
    public async Task<(ErasureOutcome Outcome, ErasureView? Erasure)> StartAsync(Guid personId, string reason, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return (ErasureOutcome.NotFound, null);
        }

        if (person.MergedIntoId is not null)
        {
            return (ErasureOutcome.Merged, null);
        }

        if (!settings.ErasureAllowed)
        {
            return (ErasureOutcome.NotAllowed, null);
        }

        var records = await PersonRecords.OfAsync(db, personId, cancellationToken);
        var people = records.PersonIds.ToList();
        var exports = await db.AccessRequests.Where(r => people.Contains(r.PersonId)).Select(r => r.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var request = ErasureRequest.Start(personId, reason, http.Actor(), now);
        db.ErasureRequests.Add(request);
        var keys = new ErasureKeys(records.PersonIds, records.ReferralIds, records.CaseIds, records.References, exports);
        db.AddIntegrationEvent(new PersonErasureRequested(Guid.CreateVersion7(now), now, request.Id, personId, request.RequestedBy, keys), request.Id.ToString());
        db.Audit(http, "erase-request", SearchPeopleHandler.AuditResource, [personId], time);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_erasure_requests_one_running" })
        {
            return (ErasureOutcome.Running, null);
        }

        return (ErasureOutcome.Started, View(request));
    }

    public async Task<ErasureView?> ReadAsync(Guid personId, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.ErasureRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.PersonId == personId, cancellationToken);
        return request is null ? null : View(request);
    }

    private static ErasureView View(ErasureRequest r) => new(
        r.Id, r.PersonId, r.Status, r.Reason, r.RequestedBy, r.RequestedAt, r.DoneAt,
        [.. ErasureRequest.Services.Select(s => r.Confirmations.SingleOrDefault(c => c.Service == s) is { } c
            ? new ErasureServiceView(s, c.ConfirmedAt, c.Removed)
            : new ErasureServiceView(s, null, null))]);
}
