using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>A provider's answer, shown on the case's prescription (the link worker sees it there).</summary>
internal static class ProviderFollowing
{
    public static async Task FollowProviderAsync(
        this CaseDbContext db, Guid caseId, Guid providerReferralId, string status, string? reason, DateTimeOffset now, CancellationToken cancellationToken,
        int? position = null, DateTimeOffset? occurredAt = null)
    {
        var found = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        found?.FollowProvider(providerReferralId, status, reason, now, position, occurredAt);
    }
}

public sealed class FollowProviderOnAccepted(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralAccepted, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralAccepted> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Accepted, null, Time.GetUtcNow(), cancellationToken, occurredAt: context.Message.OccurredAt);
}

public sealed class FollowProviderOnDeclined(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralDeclined, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralDeclined> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Declined, context.Message.Reason, Time.GetUtcNow(), cancellationToken, occurredAt: context.Message.OccurredAt);
}

public sealed class FollowProviderOnExpired(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralExpired, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralExpired> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Expired, null, Time.GetUtcNow(), cancellationToken, occurredAt: context.Message.OccurredAt);
}

public sealed class FollowProviderOnCompleted(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralCompleted, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralCompleted> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Completed, null, Time.GetUtcNow(), cancellationToken, occurredAt: context.Message.OccurredAt);
}

/// <summary>The service was full or paused: the prescription waits on its waiting list, at the place given.</summary>
public sealed class FollowProviderOnWaitlisted(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralWaitlisted, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralWaitlisted> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Waiting, null, Time.GetUtcNow(), cancellationToken,
            context.Message.Position, context.Message.OccurredAt);
}

/// <summary>A place came up: the prescription is with the provider for an answer again.</summary>
public sealed class FollowProviderOnOffered(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralOffered, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralOffered> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Requested, null, Time.GetUtcNow(), cancellationToken, occurredAt: context.Message.OccurredAt);
}

/// <summary>A waiting list moved: each of this service's waiting prescriptions shows its new place.</summary>
public sealed class FollowWaitingListMoved(CaseDbContext db, TimeProvider time) : InboxConsumer<WaitingListMoved, CaseDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<WaitingListMoved> context, CancellationToken cancellationToken)
    {
        var places = context.Message.Places;
        var caseIds = places.Select(p => p.CaseId).Distinct().ToList();
        var cases = await Db.Cases.Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = Time.GetUtcNow();
        foreach (var place in places)
        {
            cases.GetValueOrDefault(place.CaseId)?.FollowWaitingList(place.ProviderReferralId, place.Position, now, context.Message.OccurredAt);
        }
    }
}
