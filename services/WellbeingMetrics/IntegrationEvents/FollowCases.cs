using MassTransit;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.IntegrationEvents;

/// <summary>Keeps the cases this service knows in step with Case Management's events (any order; each once).</summary>
internal static class CaseFollowing
{
    public static async Task<KnownCase> CaseAsync(this WellbeingDbContext db, Guid caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var known = await db.Cases.FindAsync([caseId], cancellationToken);
        if (known is null)
        {
            known = KnownCase.Heard(caseId, at);
            db.Cases.Add(known);
        }

        return known;
    }
}

/// <summary>A case was opened: scores may now be taken for it.</summary>
public sealed class KnowCaseOnCaseOpened(WellbeingDbContext db, TimeProvider time) : InboxConsumer<CaseOpened, WellbeingDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseOpened> context, CancellationToken cancellationToken) =>
        (await Db.CaseAsync(context.Message.CaseId, context.Message.OccurredAt, cancellationToken)).Opened(context.Message);
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
        if ((await Db.CaseAsync(message.CaseId, message.OccurredAt, cancellationToken)).Assigned(message.AssignedTo, message.OccurredAt))
        {
            await OutcomePairs.FollowLinkWorkerAsync(Db, message.CaseId, message.AssignedTo, cancellationToken);
        }
    }
}

/// <summary>The case ended: its outcome or exit.</summary>
public sealed class FollowCaseOnCaseClosed(WellbeingDbContext db, TimeProvider time) : InboxConsumer<CaseClosed, WellbeingDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseClosed> context, CancellationToken cancellationToken) =>
        (await Db.CaseAsync(context.Message.CaseId, context.Message.OccurredAt, cancellationToken)).Closed(context.Message.Outcome, context.Message.OccurredAt);
}
