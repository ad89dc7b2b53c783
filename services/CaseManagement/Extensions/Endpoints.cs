using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.CaseManagement.Apis;
using SocialPrescribing.CaseManagement.Infrastructure;

namespace SocialPrescribing.CaseManagement.Extensions;

internal static class Endpoints
{
    /// <summary>Everything this service answers, beside what every service answers (ServicePipeline).</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapFailedMessagesApi("/api/cases");
        app.MapAuditChainApi<CaseDbContext>("/api/cases");
        // "Who looked at my record": this service's part, keyed on the records of the service before it.
        app.MapAccessLogApi<CaseDbContext>("/api/cases", ResourceNames.CaseManagement, "referralId",
            (db, ids, ct) => db.Cases.Where(c => ids.Contains(c.ReferralId)).Select(c => c.Id).ToListAsync(ct));
        app.MapCasesApi();
        app.MapJourneyApi();
        app.MapCaseworkApi();
        app.MapGpSummaryApi();
        app.MapRazorPages();
        return app;
    }
}
