using System.Security.Claims;
using SocialPrescribing.Authentication;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Features;

/// <summary>
/// Every authorization decision of this service, in one place. A case's messages are read by its team's link workers and
/// by managers; the list of messages that did not arrive, and sending one again, is for managers.
/// </summary>
internal static class AccessPolicies
{
    public const string MessageReader = "message-reader";
    public const string MessageManager = "message-manager";

    /// <summary>Staff alerts: link workers, managers and safeguarding leads read their own.</summary>
    public const string AlertReader = "alert-reader";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(MessageReader, policy => policy.RequireRole(SuiteRoles.LinkWorker, SuiteRoles.Manager))
            .AddPolicy(MessageManager, policy => policy.RequireRole(SuiteRoles.Manager))
            .AddPolicy(AlertReader, policy => policy.RequireRole(SuiteRoles.LinkWorker, SuiteRoles.Manager, SuiteRoles.Safeguarding))
            .Services;

    /// <summary>The cases this person may see: managers every one, anyone else only cases of a team in their <c>team</c> claims.</summary>
    public static IQueryable<KnownCase> VisibleTo(this IQueryable<KnownCase> cases, ClaimsPrincipal user)
    {
        var teams = user.CaseTeams();
        return teams is null ? cases : cases.Where(c => c.Team != null && teams.Contains(c.Team));
    }
}
