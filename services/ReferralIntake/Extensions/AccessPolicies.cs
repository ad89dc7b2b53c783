using System.Security.Claims;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Extensions;

/// <summary>Every authorization decision of this service, in one place.</summary>
internal static class AccessPolicies
{
    /// <summary>Staff who may read a referral.</summary>
    public const string Staff = "staff";

    /// <summary>Link workers (of the case's team), managers and admins: who may read the person's details.</summary>
    public const string CaseWorker = "case-worker";

    /// <summary>Integration clients (GP systems) with the <c>referrals:write</c> scope: FHIR referrals.</summary>
    public const string ReferralWriter = "referral-writer";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, policy => policy.RequireRole(SuiteRoles.CallHandler, SuiteRoles.LinkWorker, SuiteRoles.Manager, SuiteRoles.Admin))
            .AddPolicy(CaseWorker, policy => policy.RequireRole(SuiteRoles.LinkWorker, SuiteRoles.Manager, SuiteRoles.Admin))
            .AddPolicy(ReferralWriter, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => HasScope(context.User, SuiteAuthentication.ReferralsWriteScope)))
            .Services;

    /// <summary>
    /// Anyone may refer themselves; a phone referral needs a call handler; a professional referral a
    /// signed-in professional or an integration client with the <c>referrals:write</c> scope.
    /// </summary>
    public static bool MaySubmit(ClaimsPrincipal user, string channel) => channel switch
    {
        ReferralChannel.Self => true,
        ReferralChannel.Phone => user.IsInRole(SuiteRoles.CallHandler),
        ReferralChannel.Professional => user.IsInRole(SuiteRoles.Professional) || HasScope(user, SuiteAuthentication.ReferralsWriteScope),
        _ => false,
    };

    /// <summary>
    /// The referrals whose person this member of staff may read: managers and admins all; link workers
    /// only those whose case belongs to one of their teams (the same rule as Case Management's).
    /// </summary>
    public static IQueryable<Referral> PersonVisibleTo(this IQueryable<Referral> referrals, ClaimsPrincipal user)
    {
        var teams = user.CaseTeams();
        return teams is null ? referrals : referrals.Where(r => r.CaseTeam != null && teams.Contains(r.CaseTeam));
    }

    private static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll(SuiteAuthentication.ScopeClaim).SelectMany(c => c.Value.Split(' ')).Contains(scope, StringComparer.Ordinal);
}
