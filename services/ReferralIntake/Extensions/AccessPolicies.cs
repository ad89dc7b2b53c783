using System.Security.Claims;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Extensions;

/// <summary>
/// Every authorization decision of this service, in one place. Sign-in arrives with the Identity
/// service; until then staff routes are open and only self-referrals can be submitted.
/// </summary>
internal static class AccessPolicies
{
    public const string Staff = "staff";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, policy => policy.RequireAssertion(_ => true))
            .Services;

    /// <summary>Anyone may refer themselves; phone and professional referrals need a signed-in role.</summary>
    public static bool MaySubmit(ClaimsPrincipal user, string channel) => channel switch
    {
        ReferralChannel.Self => true,
        ReferralChannel.Phone => user.IsInRole("callhandler"),
        ReferralChannel.Professional => user.IsInRole("professional") || user.HasClaim("scope", "referrals:write"),
        _ => false,
    };
}
