using System.Security.Claims;
using SocialPrescribing.Authentication;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features;

/// <summary>Every authorization decision of this service, in one place.</summary>
internal static class AccessPolicies
{
    /// <summary>The ORUK feed is open data: any origin may read it, and it carries no personal data.</summary>
    public const string OpenFeed = "oruk-open-feed";

    /// <summary>A provider's inbox: providers, their own organisation's referrals. Admins keep the directory and read no referral.</summary>
    public const string ProviderInbox = "provider-inbox";

    /// <summary>Changing the directory itself (organisations, services, imports and exports): admins.</summary>
    public const string DirectoryAdmin = "directory-admin";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        services.AddCors(o => o.AddPolicy(OpenFeed, p => p.AllowAnyOrigin().WithMethods("GET", "HEAD", "OPTIONS").AllowAnyHeader()));
        return services.AddAuthorizationBuilder()
            .AddPolicy(ProviderInbox, policy => policy.RequireRole(SuiteRoles.Provider))
            .AddPolicy(DirectoryAdmin, policy => policy.RequireRole(SuiteRoles.Admin))
            .Services;
    }

    /// <summary>
    /// The referrals this provider may see: those to services of the organisation(s) in their
    /// <c>organization</c> claim (none without one). Others answer 404.
    /// </summary>
    public static IQueryable<ProviderReferral> VisibleTo(this IQueryable<ProviderReferral> referrals, ClaimsPrincipal user)
    {
        var organisations = user.FindAll(SuiteAuthentication.OrganizationClaim)
            .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToList();
        return referrals.Where(r => !r.Restricted && organisations.Contains(r.OrganizationId));
    }
}
