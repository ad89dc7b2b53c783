using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.IntegrationEvents;

/// <summary>Keeps the cases this service knows in step with Case Management's events (any order; each once).</summary>
internal static class CaseFollowing
{
    /// <summary>
    /// The case as this service knows it, new if this is the first event heard about it. Events of one
    /// case arrive on several queues at once (a case is opened and assigned in the same moment): each
    /// handler first waits for the others of that case to commit (a transaction-scoped advisory lock,
    /// across replicas too), so the second neither inserts the case again nor overwrites the first's change.
    /// </summary>
    public static async Task<KnownCase> CaseAsync(this WellbeingDbContext db, Guid caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = $"case:{caseId}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        var known = await db.Cases.FindAsync([caseId], cancellationToken);
        if (known is null)
        {
            known = KnownCase.Heard(caseId, at);
            db.Cases.Add(known);
        }

        return known;
    }

    /// <summary>A link worker holds the case from <paramref name="at"/>; the latest assignment wins, and the case's outcome pairs follow it.</summary>
    public static async Task FollowAssignmentAsync(this WellbeingDbContext db, KnownCase known, string worker, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (known.Assigned(worker, at))
        {
            await OutcomePairs.FollowLinkWorkerAsync(db, known.Id, worker, cancellationToken);
        }
    }
}

/// <summary>A case was opened (with its first link worker, if it had one at once): scores may now be taken for it.</summary>
public sealed class KnowCaseOnCaseOpened(WellbeingDbContext db, TimeProvider time) : InboxConsumer<CaseOpened, WellbeingDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseOpened> context, CancellationToken cancellationToken)
    {
        var opened = context.Message;
        var known = await Db.CaseAsync(opened.CaseId, opened.OccurredAt, cancellationToken);
        known.Opened(opened);
        if (opened.AssignedTo is { } worker)
        {
            await Db.FollowAssignmentAsync(known, worker, opened.OccurredAt, cancellationToken);
        }
    }
}

/// <summary>The case moved along the journey (first contact is the move to AssessmentArranged).</summary>
public sealed class FollowCaseOnCaseStepChanged(WellbeingDbContext db, TimeProvider time) : InboxConsumer<CaseStepChanged, WellbeingDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseStepChanged> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        (await Db.CaseAsync(message.CaseId, message.OccurredAt, cancellationToken)).Moved(message.To, message.OccurredAt);
    }
}

/// <summary>A link worker holds the case (for the reports by link worker); the latest assignment wins.</summary>
public sealed class FollowCaseOnCaseAssigned(WellbeingDbContext db, TimeProvider time) : InboxConsumer<CaseAssigned, WellbeingDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseAssigned> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        await Db.FollowAssignmentAsync(await Db.CaseAsync(message.CaseId, message.OccurredAt, cancellationToken), message.AssignedTo, message.OccurredAt, cancellationToken);
    }
}

/// <summary>The case ended: its outcome or exit.</summary>
public sealed class FollowCaseOnCaseClosed(WellbeingDbContext db, TimeProvider time) : InboxConsumer<CaseClosed, WellbeingDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseClosed> context, CancellationToken cancellationToken) =>
        (await Db.CaseAsync(context.Message.CaseId, context.Message.OccurredAt, cancellationToken)).Closed(context.Message.Outcome, context.Message.OccurredAt);
}
