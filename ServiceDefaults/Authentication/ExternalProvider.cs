using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;

namespace SocialPrescribing.Authentication;

/// <summary>
/// An operator may sign staff in with an external OpenID Connect provider (NHS CIS2, Entra ID)
/// instead of the suite's Identity service, by configuration alone (section <c>Auth</c>):
/// <list type="bullet">
/// <item><c>Auth:Authority</c>: the provider's issuer (its discovery document is read from there).</item>
/// <item><c>Auth:Audience</c>: the audience of the access tokens it issues for the suite's APIs.</item>
/// <item><c>Auth:ClientId</c>, <c>Auth:ClientSecret</c>, <c>Auth:Scopes</c>: the gateway's registration.</item>
/// <item><c>Auth:RoleClaim</c>, <c>Auth:TeamClaim</c>, <c>Auth:OrganizationClaim</c>: where the provider
/// puts roles (Entra ID app roles: <c>roles</c>), the team and the organisation; their values are copied
/// onto the suite's claim names so every policy and scope rule works unchanged.</item>
/// </list>
/// </summary>
public sealed class ExternalProvider
{
    public const string Section = "Auth";

    public string? Authority { get; init; }

    public string? Audience { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string? Scopes { get; init; }

    public string? RoleClaim { get; init; }

    public string? TeamClaim { get; init; }

    public string? OrganizationClaim { get; init; }

    /// <summary>True when staff sign in with an external provider.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public static ExternalProvider From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ExternalProvider>() ?? new ExternalProvider();

    /// <summary>The provider's claim types and the suite's names they are copied to.</summary>
    public IEnumerable<(string From, string To)> ClaimMappings()
    {
        foreach (var (from, to) in new[] { (RoleClaim, SuiteAuthentication.RoleClaim), (TeamClaim, SuiteAuthentication.TeamClaim), (OrganizationClaim, SuiteAuthentication.OrganizationClaim) })
        {
            if (!string.IsNullOrWhiteSpace(from) && from != to)
            {
                yield return (from, to);
            }
        }
    }
}

/// <summary>Copies an external provider's role, team and organisation claims onto the suite's claim names.</summary>
public sealed class ExternalClaimsMapping(ExternalProvider provider) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not ClaimsIdentity identity || !identity.IsAuthenticated)
        {
            return Task.FromResult(principal);
        }

        var mapped = new ClaimsIdentity(identity);
        var added = false;
        foreach (var (from, to) in provider.ClaimMappings())
        {
            foreach (var claim in identity.FindAll(from))
            {
                if (!mapped.HasClaim(to, claim.Value))
                {
                    mapped.AddClaim(new Claim(to, claim.Value, claim.ValueType, claim.Issuer));
                    added = true;
                }
            }
        }

        return Task.FromResult(added ? new ClaimsPrincipal(mapped) : principal);
    }
}
