using System.Security.Claims;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features.Safeguarding;

/// <summary>
/// Who may read a safeguarding concern — fewer people than may read the case: the safeguarding lead (every team's, or the
/// teams named in their <c>team</c> claims), managers, and link workers of the case's team while they may see the case.
/// Anyone else is answered 404, as if the concern did not exist. Only the lead records decisions.
/// </summary>
internal static class ConcernAccess
{
    public static IQueryable<SafeguardingConcern> VisibleTo(this IQueryable<SafeguardingConcern> concerns, IQueryable<Case> cases, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var teams = user.FindAll(SuiteAuthentication.TeamClaim).Select(c => c.Value).ToList();
        if (user.IsInRole(SuiteRoles.Manager) || (IsLead(user) && teams.Count == 0))
        {
            return concerns;
        }

        if (IsLead(user))
        {
            return concerns.Where(c => teams.Contains(c.Team));
        }

        if (user.IsInRole(SuiteRoles.LinkWorker))
        {
            var visible = cases.VisibleTo(user);
            return concerns.Where(c => teams.Contains(c.Team) && visible.Any(v => v.Id == c.CaseId));
        }

        return concerns.Where(_ => false);
    }

    public static bool IsLead(ClaimsPrincipal user) => user.IsInRole(SuiteRoles.Safeguarding);

    /// <summary>The lead, managers and link workers may open the queue (each seeing what they may); anyone else sees none.</summary>
    public static bool MayReadConcerns(ClaimsPrincipal user) =>
        IsLead(user) || user.IsInRole(SuiteRoles.Manager) || user.IsInRole(SuiteRoles.LinkWorker);
}
