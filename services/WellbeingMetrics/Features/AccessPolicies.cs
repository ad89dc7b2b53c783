using System.Security.Claims;
using SocialPrescribing.Authentication;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features;

/// <summary>
/// Every authorization decision of this service, in one place. Scores are health data: link workers
/// record and read them for their team's cases, managers for every case; outcome reports (people
/// counted, never named) are for managers; adding an instrument is for admins, who read no score.
/// </summary>
internal static class AccessPolicies
{
    public const string ScoreRecorder = "score-recorder";
    public const string ScoreReader = "score-reader";
    public const string ReportReader = "report-reader";
    public const string InstrumentAdmin = "instrument-admin";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(ScoreRecorder, policy => policy.RequireRole(SuiteRoles.LinkWorker, SuiteRoles.Manager))
            .AddPolicy(ScoreReader, policy => policy.RequireRole(SuiteRoles.LinkWorker, SuiteRoles.Manager))
            .AddPolicy(ReportReader, policy => policy.RequireRole(SuiteRoles.Manager))
            .AddPolicy(InstrumentAdmin, policy => policy.RequireRole(SuiteRoles.Admin))
            .Services;

    /// <summary>
    /// The cases this person may see: managers every one, anyone else only cases of a team
    /// named in their <c>team</c> claims. A case outside the scope is treated as unknown.
    /// </summary>
    public static IQueryable<KnownCase> VisibleTo(this IQueryable<KnownCase> cases, ClaimsPrincipal user)
    {
        var teams = user.CaseTeams();
        return teams is null ? cases : cases.Where(c => c.Team != null && teams.Contains(c.Team));
    }
}
