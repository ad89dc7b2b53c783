using System.Security.Claims;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features;

/// <summary>
/// Every authorization decision of this service, in one place. Cases hold special category data:
/// only link workers (their team's cases) and managers read them. Admins keep the directory,
/// the instruments and the users, and read no case (least privilege).
/// </summary>
internal static class AccessPolicies
{
    public const string CaseReader = "case-reader";
    public const string AuditReader = "audit-reader";
    public const string CaseAssigner = "case-assigner";
    public const string CaseTaker = "case-taker";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(CaseReader, policy => policy.RequireRole(SuiteRoles.LinkWorker, SuiteRoles.Manager))
            .AddPolicy(AuditReader, policy => policy.RequireRole(SuiteRoles.Manager))
            .AddPolicy(CaseAssigner, policy => policy.RequireRole(SuiteRoles.Manager))
            .AddPolicy(CaseTaker, policy => policy.RequireRole(SuiteRoles.LinkWorker))
            .Services;

    /// <summary>
    /// The cases this person may see: managers all of them, anyone else only cases of a
    /// team named in their <c>team</c> claims (none if they have no team). A case outside the scope
    /// answers 404, as if it did not exist; so does a case whose person's record a manager restricted.
    /// </summary>
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, ClaimsPrincipal user)
    {
        var teams = user.CaseTeams();
        return teams is null ? cases : cases.Where(c => !c.Restricted && c.Team != null && teams.Contains(c.Team));
    }
}
