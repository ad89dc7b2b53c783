using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.ReferralIntake.Features.CheckReferralStatus;
using SocialPrescribing.ReferralIntake.Features.FhirReferrals;
using SocialPrescribing.ReferralIntake.Features.CorrectPerson;
using SocialPrescribing.ReferralIntake.Features.ErasePerson;
using SocialPrescribing.ReferralIntake.Features.MergePeople;
using SocialPrescribing.ReferralIntake.Features.PersonAccessLog;
using SocialPrescribing.ReferralIntake.Features.ReadPerson;
using SocialPrescribing.ReferralIntake.Features.RestrictPerson;
using SocialPrescribing.ReferralIntake.Features.SearchPeople;
using SocialPrescribing.ReferralIntake.Features.SubjectAccess;
using SocialPrescribing.ReferralIntake.Features.ReadReferral;
using SocialPrescribing.ReferralIntake.Features.SubmitReferral;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.Extensions;

internal static class Endpoints
{
    /// <summary>Everything this service answers, beside what every service answers (ServicePipeline).</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapFailedMessagesApi("/api/referrals");
        app.MapAuditChainApi<ReferralDbContext>("/api/referrals");
        app.MapRetentionApi<ReferralDbContext>("/api/referrals", ResourceNames.ReferralIntake);
        app.MapPersonAccessLog();
        app.MapGroup("/api/people").WithTags("People")
            .MapSearchPeople()
            .MapReadPerson()
            .MapMergePeople()
            .MapCorrectPerson()
            .MapSubjectAccess()
            .MapErasePerson()
            .MapRestrictPerson();
        app.MapGroup("/api/referrals").WithTags("Referrals")
            .MapSubmitReferral()
            .MapCheckReferralStatus()
            .MapReadReferral();
        app.MapFhirReferrals();
        app.MapRazorPages();
        return app;
    }
}
