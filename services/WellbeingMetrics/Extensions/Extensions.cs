using System.Text.Json.Serialization;
using SocialPrescribing.Messaging;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<WellbeingDbContext>(ResourceNames.WellbeingDb);
        builder.AddMessaging<WellbeingDbContext>(ResourceNames.WellbeingMetrics);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAuthorization();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
    }
}
