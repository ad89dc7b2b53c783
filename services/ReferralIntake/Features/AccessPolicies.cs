using System.Security.Claims;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features;

/// <summary>Every authorization decision of this service, in one place.</summary>
internal static class AccessPolicies
{
    /// <summary>
    /// Who may read a referral (its summary, the person, the FHIR ServiceRequest): link workers (of the
    /// case's team), managers, and call handlers (the referrals they took). Admins read no person's data.
    /// </summary>
    public const string ReferralReader = "referral-reader";

    /// <summary>As <see cref="ReferralReader"/>, and integration clients (the referrals they sent): the FHIR read.</summary>
    public const string FhirReader = "fhir-reader";

    /// <summary>Integration clients (GP systems) with the <c>referrals:write</c> scope: FHIR referrals.</summary>
    public const string ReferralWriter = "referral-writer";

    /// <summary>Who may find a person and see their record across referrals: link workers (their teams' people) and managers (everyone).</summary>
    public const string PersonFinder = "person-finder";

    /// <summary>Who may merge two records of one person, correct them, and act on their rights (export, erasure): managers.</summary>
    public const string PersonManager = "person-manager";

    private static readonly string[] ReaderRoles = [SuiteRoles.CallHandler, SuiteRoles.LinkWorker, SuiteRoles.Manager];

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(ReferralReader, policy => policy.RequireRole(ReaderRoles))
            .AddPolicy(PersonFinder, policy => policy.RequireRole(SuiteRoles.LinkWorker, SuiteRoles.Manager))
            .AddPolicy(PersonManager, policy => policy.RequireRole(SuiteRoles.Manager))
            .AddPolicy(FhirReader, policy => policy.RequireAuthenticatedUser()
                .AddRequirements(new RoleOrScopeRequirement(SuiteAuthentication.ReferralsWriteScope, ReaderRoles)))
            .AddPolicy(ReferralWriter, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(SuiteAuthentication.ReferralsWriteScope)))
            .Services;

    /// <summary>
    /// Anyone may refer themselves; a phone referral needs a call handler; a professional referral a
    /// signed-in professional or an integration client with the <c>referrals:write</c> scope.
    /// </summary>
    public static bool MaySubmit(ClaimsPrincipal user, string channel) => channel switch
    {
        ReferralChannel.Self => true,
        ReferralChannel.Phone => user.IsInRole(SuiteRoles.CallHandler),
        ReferralChannel.Professional => user.IsInRole(SuiteRoles.Professional) || user.HasScope(SuiteAuthentication.ReferralsWriteScope),
        _ => false,
    };

    /// <summary>
    /// The referrals this caller may read, the person's details included: managers every one; link
    /// workers those whose case belongs to one of their teams (the rule Case Management applies to the
    /// case); call handlers the referrals they took; integration clients the referrals they sent. Any
    /// other referral answers 404, as if it did not exist; so does every referral of a person whose record
    /// a manager restricted, to anyone but managers.
    /// </summary>
    public static IQueryable<Referral> ReadableBy(this IQueryable<Referral> referrals, ClaimsPrincipal user)
    {
        if (user.IsInRole(SuiteRoles.Manager))
        {
            return referrals;
        }

        string[] teams = user.IsInRole(SuiteRoles.LinkWorker) ? [.. user.CaseTeams() ?? []] : [];
        var sender = user.IsInRole(SuiteRoles.CallHandler) || user.HasScope(SuiteAuthentication.ReferralsWriteScope)
            ? user.FindFirst(SuiteAuthentication.SubjectClaim)?.Value
            : null;
        return referrals.Where(r => !r.PersonRestricted && ((r.CaseTeam != null && teams.Contains(r.CaseTeam)) || (sender != null && r.SubmittedBy == sender)));
    }

    /// <summary>The referrals this integration client sent (its identifiers are its own).</summary>
    public static IQueryable<Referral> SentBy(this IQueryable<Referral> referrals, ClaimsPrincipal user)
    {
        var sender = user.FindFirst(SuiteAuthentication.SubjectClaim)?.Value;
        return referrals.Where(r => sender != null && r.SubmittedBy == sender);
    }
}
