using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.Authorization;

/// <summary>
/// Met by a member of staff holding one of <see cref="Roles"/>, or by an integration client whose token
/// carries <see cref="Scope"/> (e.g. a GP system reading back the referrals it sent).
/// </summary>
public sealed class RoleOrScopeRequirement(string scope, params string[] roles)
    : AuthorizationHandler<RoleOrScopeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;

    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleOrScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (requirement.Roles.Any(context.User.IsInRole) || context.User.HasScope(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class ScopeClaims
{
    /// <summary>True when the token's <c>scope</c> claim (space-separated) grants <paramref name="scope"/>.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(SuiteAuthentication.ScopeClaim).SelectMany(c => c.Value.Split(' ')).Contains(scope, StringComparer.Ordinal);
    }
}
