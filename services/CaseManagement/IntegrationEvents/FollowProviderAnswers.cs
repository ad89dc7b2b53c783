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
        this CaseDbContext db, Guid caseId, Guid providerReferralId, string status, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        found?.FollowProvider(providerReferralId, status, reason, now);
    }
}

public sealed class FollowProviderOnAccepted(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralAccepted, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralAccepted> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Accepted, null, Time.GetUtcNow(), cancellationToken);
}

public sealed class FollowProviderOnDeclined(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralDeclined, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralDeclined> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Declined, context.Message.Reason, Time.GetUtcNow(), cancellationToken);
}

public sealed class FollowProviderOnExpired(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralExpired, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralExpired> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Expired, null, Time.GetUtcNow(), cancellationToken);
}

public sealed class FollowProviderOnCompleted(CaseDbContext db, TimeProvider time) : InboxConsumer<ProviderReferralCompleted, CaseDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralCompleted> context, CancellationToken cancellationToken) =>
        Db.FollowProviderAsync(context.Message.CaseId, context.Message.ProviderReferralId, ProviderReferralStatus.Completed, null, Time.GetUtcNow(), cancellationToken);
}
