using System.Text.Json.Serialization;
using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging;
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
            bus.AddInboxConsumer<FollowCaseOnCaseStepChanged>();
            bus.AddInboxConsumer<FollowCaseOnCaseAssigned>();
            bus.AddInboxConsumer<FollowCaseOnCaseClosed>();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddSuiteAuthentication();
        builder.Services.AddAccessPolicies();
        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
    }
}
