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

    /// <summary>Keeping a service's listing and places: admins any service, providers their own organisation's (<see cref="KeptBy"/>).</summary>
    public const string ServiceKeeper = "service-keeper";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        services.AddCors(o => o.AddPolicy(OpenFeed, p => p.AllowAnyOrigin().WithMethods("GET", "HEAD", "OPTIONS").AllowAnyHeader()));
        return services.AddAuthorizationBuilder()
            .AddPolicy(ProviderInbox, policy => policy.RequireRole(SuiteRoles.Provider))
            .AddPolicy(DirectoryAdmin, policy => policy.RequireRole(SuiteRoles.Admin))
            .AddPolicy(ServiceKeeper, policy => policy.RequireRole(SuiteRoles.Admin, SuiteRoles.Provider))
            .Services;
    }

    /// <summary>
    /// The referrals this provider may see: those to services of the organisation(s) in their
    /// <c>organization</c> claim (none without one). Others answer 404.
    /// </summary>
    public static IQueryable<ProviderReferral> VisibleTo(this IQueryable<ProviderReferral> referrals, ClaimsPrincipal user)
    {
        var organisations = OrganisationsOf(user);
        return referrals.Where(r => !r.Restricted && organisations.Contains(r.OrganizationId));
    }

    /// <summary>
    /// The services this person may keep (listing, places, pause): an admin any, a provider those of the
    /// organisation(s) in their <c>organization</c> claim. Another organisation's service answers 404, as if absent.
    /// </summary>
    public static IQueryable<Service> KeptBy(this IQueryable<Service> services, ClaimsPrincipal user)
    {
        if (user.IsInRole(SuiteRoles.Admin))
        {
            return services;
        }

        var organisations = OrganisationsOf(user);
        return services.Where(s => organisations.Contains(s.OrganizationId));
    }

    /// <summary>The organisations whose services this person keeps: an admin all, a provider their own.</summary>
    public static IQueryable<Organization> KeptBy(this IQueryable<Organization> organizations, ClaimsPrincipal user)
    {
        if (user.IsInRole(SuiteRoles.Admin))
        {
            return organizations;
        }

        var organisations = OrganisationsOf(user);
        return organizations.Where(o => organisations.Contains(o.Id));
    }

    private static List<Guid> OrganisationsOf(ClaimsPrincipal user) =>
        [.. user.FindAll(SuiteAuthentication.OrganizationClaim)
            .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)];
}
