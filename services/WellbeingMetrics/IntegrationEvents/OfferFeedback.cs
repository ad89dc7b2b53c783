using MassTransit;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.WellbeingMetrics.Features.GiveFeedback;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.IntegrationEvents;

/// <summary>The person's case closed: they are asked how their experience was.</summary>
public sealed class OfferFeedbackOnCaseClosed(WellbeingDbContext db, TimeProvider time, PublicBaseUrl publicUrl)
    : InboxConsumer<CaseClosed, WellbeingDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<CaseClosed> context, CancellationToken cancellationToken) =>
        FeedbackLinks.OfferAsync(Db, publicUrl, context.Message.CaseId, FeedbackOccasions.CaseClosed, context.Message.CaseId, Time.GetUtcNow(), cancellationToken);
}

/// <summary>A service the person was referred to marked them finished: they are asked how it went.</summary>
public sealed class OfferFeedbackOnServiceFinished(WellbeingDbContext db, TimeProvider time, PublicBaseUrl publicUrl)
    : InboxConsumer<ProviderReferralCompleted, WellbeingDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<ProviderReferralCompleted> context, CancellationToken cancellationToken) =>
        FeedbackLinks.OfferAsync(Db, publicUrl, context.Message.CaseId, FeedbackOccasions.ServiceFinished, context.Message.ProviderReferralId, Time.GetUtcNow(), cancellationToken);
}
