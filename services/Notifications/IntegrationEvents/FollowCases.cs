using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.IntegrationEvents;

/// <summary>Keeps the cases this service knows in step with Case Management's events (any order; each once).</summary>
internal static class CaseFollowing
{
    /// <summary>
    /// The case as known here, new if this is the first event about it. Events of one case arrive on several queues at
    /// once: each handler first waits for the others of that case to commit (a transaction-scoped advisory lock).
    /// </summary>
    public static async Task<KnownCase> CaseAsync(this NotificationsDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var key = $"case:{caseId}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        var known = await db.Cases.FindAsync([caseId], cancellationToken);
        if (known is null)
        {
            known = KnownCase.Heard(caseId);
            db.Cases.Add(known);
        }

        return known;
    }
}

public sealed class KnowCaseOnCaseOpened(NotificationsDbContext db, TimeProvider time) : InboxConsumer<CaseOpened, NotificationsDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseOpened> context, CancellationToken cancellationToken) =>
        (await Db.CaseAsync(context.Message.CaseId, cancellationToken)).Opened(context.Message);
}

public sealed class FollowCaseOnCaseAssigned(NotificationsDbContext db, TimeProvider time) : InboxConsumer<CaseAssigned, NotificationsDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseAssigned> context, CancellationToken cancellationToken)
    {
        var known = await Db.CaseAsync(context.Message.CaseId, cancellationToken);
        known.Follow(context.Message.ReferralIds);
        known.Assigned(context.Message.AssignedTo, context.Message.OccurredAt);
    }
}

public sealed class FollowCaseOnCaseStepChanged(NotificationsDbContext db, TimeProvider time) : InboxConsumer<CaseStepChanged, NotificationsDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseStepChanged> context, CancellationToken cancellationToken) =>
        (await Db.CaseAsync(context.Message.CaseId, cancellationToken)).Moved(context.Message.ReferralIds, context.Message.From, context.Message.OccurredAt);
}

public sealed class FollowCaseOnCaseClosed(NotificationsDbContext db, TimeProvider time) : InboxConsumer<CaseClosed, NotificationsDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseClosed> context, CancellationToken cancellationToken) =>
        (await Db.CaseAsync(context.Message.CaseId, cancellationToken)).Closed(context.Message.ReferralIds, context.Message.OccurredAt);
}
