using SocialPrescribing.Authentication;

namespace SocialPrescribing.CaseManagement.Extensions;

/// <summary>
/// Every authorization decision of this service, in one place. Cases hold special category data:
/// only link workers, managers and admins read them (team scoping comes next).
/// </summary>
internal static class AccessPolicies
{
    public const string CaseReader = "case-reader";
    public const string AuditReader = "audit-reader";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(CaseReader, policy => policy.RequireRole(SuiteRoles.LinkWorker, SuiteRoles.Manager, SuiteRoles.Admin))
            .AddPolicy(AuditReader, policy => policy.RequireRole(SuiteRoles.Manager, SuiteRoles.Admin))
            .Services;
}
