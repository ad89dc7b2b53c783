using System.Text.Json.Serialization;
using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Persistence;
using SocialPrescribing.WellbeingMetrics.Features;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.IntegrationEvents;

namespace SocialPrescribing.WellbeingMetrics.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<WellbeingDbContext>(ResourceNames.WellbeingDb);
        builder.AddMessaging<WellbeingDbContext>(ResourceNames.WellbeingMetrics, bus =>
        {
            bus.AddInboxConsumer<KnowCaseOnCaseOpened>();
            bus.AddInboxConsumer<OfferFeedbackOnCaseClosed>();
            bus.AddInboxConsumer<OfferFeedbackOnServiceFinished>();
            bus.AddInboxConsumer<FollowCaseOnCaseStepChanged>();
            bus.AddInboxConsumer<FollowCaseOnCaseAssigned>();
            bus.AddInboxConsumer<FollowCaseOnCaseClosed>();
            bus.AddInboxConsumer<ContributeToSubjectAccess>();
            bus.AddInboxConsumer<EraseOnPersonErasureRequested>();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        // Links a person receives are built from the public address: checked at start-up.
        builder.Services.AddSingleton(SocialPrescribing.Http.PublicBaseUrl.From(builder.Configuration, builder.Environment));
        builder.AddSuiteAuthentication();
        builder.Services.AddAccessPolicies();
        builder.Services.AddAuditTrail<WellbeingDbContext>();
        // The schedule is read (and checked) at start: a wrong Retention:* setting stops the service, naming it.
        builder.AddRetention<WellbeingDbContext>(Features.Retention.WellbeingRetention.Rules);
        SocialPrescribing.WebUI.SuiteLanguages.AddSuiteLanguages(builder.Services);
        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
    }
}
