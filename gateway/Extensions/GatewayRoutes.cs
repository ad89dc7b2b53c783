using Scalar.AspNetCore;
using Yarp.ReverseProxy.Transforms;

namespace SocialPrescribing.Gateway.Extensions;

internal static class GatewayRoutes
{
    /// <summary>The reverse proxy: routes from configuration and Identity's, services found by discovery, the staff session's token passed on.</summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .LoadIdentityRoutes(configuration)
            .AddServiceDiscoveryDestinationResolver()
            .AddSessionTokenRelay()
            // The operator key is for the AppHost's dashboard commands, which call services directly: never from outside.
            .AddTransforms(context => context.AddRequestHeaderRemove("X-Operator-Key"));
        return services;
    }

    /// <summary>The API reference at <c>/api-docs</c>: every service's OpenAPI document.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference("/api-docs", options => options
            .WithTitle("Social prescribing APIs")
            .AddDocument("referrals", "Referral Intake", "/api/referrals/openapi/v1.json")
            .AddDocument("cases", "Case Management", "/api/cases/openapi/v1.json")
            .AddDocument("directory", "Service Directory (ORUK 3.0)", "/api/directory/openapi/v1.json")
            .AddDocument("wellbeing", "Wellbeing Metrics", "/api/wellbeing/openapi/v1.json")
            .AddDocument("notifications", "Notifications", "/api/notifications/openapi/v1.json"));
        return app;
    }
}
