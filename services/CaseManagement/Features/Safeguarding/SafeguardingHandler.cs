using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.CaseManagement.Features.Safeguarding;

/// <summary>A concern as raised (from the API's JSON or the case page's form).</summary>
public sealed record ConcernInput(string? Subject, string? Category, string? Description, bool PersonAware, bool Consent, bool ImmediateDanger);

/// <summary>The lead's decision as given.</summary>
public sealed record DecisionInput(string? Decision, string? Reference, string? Reason);

/// <summary>How raising or deciding went: done (with the concern), not found, mistakes by field, or refused (closed).</summary>
public sealed record ConcernResult(ConcernStatus Status, ConcernView? Concern = null, IReadOnlyDictionary<string, string>? Errors = null, string? Detail = null)
{
    public static readonly ConcernResult NotFound = new(ConcernStatus.NotFound);
}

public enum ConcernStatus
{
    Done,
    NotFound,
    Invalid,
    Refused,
}

/// <summary>
/// Raising a safeguarding concern on a case, the lead's queue, and the lead's decision — for the API and the screens alike.
/// Every step is written with its audit entry (on the case's trail: who raised, read or decided which concern) in one
/// transaction; raising publishes <see cref="SafeguardingConcernRaised"/> (ids and times only) so the leads are told.
/// </summary>
public static class SafeguardingHandler
{
    public const string AuditRaised = "concern-raise";
    public const string AuditRead = "concern-read";
    public const string AuditDecided = "concern-decide";

    public static async Task<ConcernResult> RaiseAsync(CaseServices services, ContactTargets targets, Guid caseId, ConcernInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(input);
        var db = services.Db;
        var found = await db.Cases.AsNoTracking().VisibleTo(services.Http.User).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (found is null)
        {
            return ConcernResult.NotFound;
        }

        var errors = SafeguardingConcern.Check(input.Subject, input.Category, input.Description);
        if (errors.Count > 0)
        {
            return new ConcernResult(ConcernStatus.Invalid, Errors: errors);
        }

        var now = services.Time.GetUtcNow();
        var concern = Raise(db, found, input, services.Http.Actor(), targets, now);
        db.Audit(services.Http, AuditRaised, CaseServices.AuditResource, [found.Id], services.Time);
        await db.SaveChangesAsync(cancellationToken);
        return new ConcernResult(ConcernStatus.Done, ConcernView.Of(concern, now));
    }

    /// <summary>
    /// Adds a checked concern on <paramref name="about"/> with the event that tells the leads (the caller audits and saves):
    /// from a link worker's request, or from a call handler's phone referral (<see cref="ReferralSubmitted.Concern"/>).
    /// </summary>
    public static SafeguardingConcern Raise(CaseDbContext db, Case about, ConcernInput input, string by, ContactTargets targets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(about);
        ArgumentNullException.ThrowIfNull(input);
        var concern = SafeguardingConcern.Raise(about, input.Subject!, input.Category!, input.Description!, input.PersonAware, input.Consent, input.ImmediateDanger,
            by, targets, now);
        db.Concerns.Add(concern);
        db.AddIntegrationEvent(new SafeguardingConcernRaised(Guid.CreateVersion7(now), now, concern.Id, about.Id, about.Reference, about.Team, concern.Urgent, concern.DueBy),
            about.Id.ToString());
        return concern;
    }

    /// <summary>
    /// The concerns the caller may read (open ones only when <paramref name="open"/> is true), in the queue's order; each
    /// read audited. Anyone outside the roles that read concerns gets none.
    /// </summary>
    public static async Task<IReadOnlyList<ConcernView>> QueueAsync(CaseServices services, bool? open, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.Db;
        var concerns = db.Concerns.AsNoTracking().VisibleTo(db.Cases, services.Http.User);
        if (open is { } onlyOpen)
        {
            concerns = onlyOpen ? concerns.Where(c => c.Decision == null) : concerns.Where(c => c.Decision != null);
        }

        var found = await ConcernView.InQueueOrder(concerns).Take(limit).ToListAsync(cancellationToken);
        if (found.Count > 0)
        {
            db.Audit(services.Http, AuditRead, CaseServices.AuditResource, found.Select(c => c.CaseId).Distinct(), services.Time);
            await db.SaveChangesAsync(cancellationToken);
        }

        var now = services.Time.GetUtcNow();
        return [.. found.Select(c => ConcernView.Of(c, now))];
    }

    /// <summary>One concern the caller may read, audited; null when there is none (or they may not).</summary>
    public static async Task<ConcernView?> FindAsync(CaseServices services, Guid concernId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.Db;
        var found = await db.Concerns.AsNoTracking().VisibleTo(db.Cases, services.Http.User).SingleOrDefaultAsync(c => c.Id == concernId, cancellationToken);
        if (found is null)
        {
            return null;
        }

        db.Audit(services.Http, AuditRead, CaseServices.AuditResource, [found.CaseId], services.Time);
        await db.SaveChangesAsync(cancellationToken);
        return ConcernView.Of(found, services.Time.GetUtcNow());
    }

    /// <summary>
    /// The lead's decision, which closes the concern: 404 for anyone but the lead (of the concern's team), 409 once closed,
    /// 400 naming each mistake. A null <paramref name="input"/> (a body that could not be read) is checked for the first two only.
    /// </summary>
    public static async Task<ConcernResult> DecideAsync(CaseServices services, Guid concernId, DecisionInput? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var user = services.Http.User;
        if (!ConcernAccess.IsLead(user))
        {
            return ConcernResult.NotFound;
        }

        var db = services.Db;
        var concern = await db.Concerns.VisibleTo(db.Cases, user).SingleOrDefaultAsync(c => c.Id == concernId, cancellationToken);
        if (concern is null)
        {
            return ConcernResult.NotFound;
        }

        if (!concern.IsOpen)
        {
            return new ConcernResult(ConcernStatus.Refused, ConcernView.Of(concern, services.Time.GetUtcNow()),
                Detail: $"This concern is closed: {concern.DecisionName} was recorded on {concern.DecidedAt:d MMM yyyy, HH:mm} (UTC). A closed concern takes no second decision; raise a new concern if something new has happened.");
        }

        var errors = input is null ? [] : SafeguardingConcern.CheckDecision(input.Decision, input.Reference, input.Reason);
        if (input is null || errors.Count > 0)
        {
            return new ConcernResult(ConcernStatus.Invalid, Errors: errors);
        }

        var now = services.Time.GetUtcNow();
        concern.Decide(input.Decision!, input.Reference, input.Reason!, services.Http.Actor(), now);
        db.Audit(services.Http, AuditDecided, CaseServices.AuditResource, [concern.CaseId], services.Time);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConcernResult(ConcernStatus.Refused, Detail: "Someone recorded a decision on this concern at the same time. Look at it again.");
        }

        return new ConcernResult(ConcernStatus.Done, ConcernView.Of(concern, now));
    }
}
