namespace SocialPrescribing.CaseManagement.Extensions;

/// <summary>
/// Every authorization decision of this service, in one place. Until the Identity service lands
/// the policies let everyone through; then they require the link worker / manager roles and scope
/// reads to the caller's team.
/// </summary>
internal static class AccessPolicies
{
    public const string CaseReader = "case-reader";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(CaseReader, policy => policy.RequireAssertion(_ => true))
            .Services;
}
