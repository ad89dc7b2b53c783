namespace SocialPrescribing.ServiceDirectory.Extensions;

/// <summary>Every authorization decision of this service, in one place.</summary>
internal static class AccessPolicies
{
    /// <summary>The ORUK feed is open data: any origin may read it, and it carries no personal data.</summary>
    public const string OpenFeed = "oruk-open-feed";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        services.AddCors(o => o.AddPolicy(OpenFeed, p => p.AllowAnyOrigin().WithMethods("GET", "HEAD", "OPTIONS").AllowAnyHeader()));
        return services.AddAuthorization();
    }
}
