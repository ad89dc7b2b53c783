using System.Security.Claims;

namespace SocialPrescribing.Authentication;

/// <summary>Whose cases a member of staff may see: the one rule every service that holds case data applies.</summary>
public static class CaseScope
{
    /// <summary>
    /// The link worker teams whose cases <paramref name="user"/> may see (their <c>team</c> claims; none
    /// without one), or null for every case: managers. Admins keep the directory, the instruments and the
    /// users and read no case (least privilege): without a team they see none.
    /// </summary>
    public static IReadOnlyList<string>? CaseTeams(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(SuiteRoles.Manager)
            ? null
            : [.. user.FindAll(SuiteAuthentication.TeamClaim).Select(c => c.Value)];
    }
}
