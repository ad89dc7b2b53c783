using System.Security.Claims;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Extensions;

/// <summary>Every authorization decision of this service, in one place.</summary>
internal static class AccessPolicies
{
    /// <summary>Staff who may read a referral.</summary>
    public const string Staff = "staff";

    /// <summary>Integration clients (GP systems) with the <c>referrals:write</c> scope: FHIR referrals.</summary>
    public const string ReferralWriter = "referral-writer";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, policy => policy.RequireRole(SuiteRoles.CallHandler, SuiteRoles.LinkWorker, SuiteRoles.Manager, SuiteRoles.Admin))
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

    private static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll(SuiteAuthentication.ScopeClaim).SelectMany(c => c.Value.Split(' ')).Contains(scope, StringComparer.Ordinal);
}
