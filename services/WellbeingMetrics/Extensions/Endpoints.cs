using SocialPrescribing.Messaging.Retention;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.WellbeingMetrics.Features.ActivityReturn;
using SocialPrescribing.WellbeingMetrics.Features.CreateCompletionLink;
using SocialPrescribing.WellbeingMetrics.Features.ManageInstruments;
using SocialPrescribing.WellbeingMetrics.Features.ReadCaseWellbeing;
using SocialPrescribing.WellbeingMetrics.Features.RecordAssessment;
using SocialPrescribing.WellbeingMetrics.Features.TranslateInstrument;
using SocialPrescribing.WellbeingMetrics.Features.ReportOutcomes;
using SocialPrescribing.WellbeingMetrics.Features.ReportFeedback;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.Extensions;

internal static class Endpoints
{
    /// <summary>Everything this service answers, beside what every service answers (ServicePipeline).</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapFailedMessagesApi("/api/wellbeing");
        app.MapAuditChainApi<WellbeingDbContext>("/api/wellbeing");
        app.MapRetentionApi<WellbeingDbContext>("/api/wellbeing", ResourceNames.WellbeingMetrics);
        // "Who looked at my record": this service's part, keyed on the records of the service before it.
        app.MapAccessLogApi<WellbeingDbContext>("/api/wellbeing", ResourceNames.WellbeingMetrics, "caseId",
            async (db, ids, ct) =>
                [.. ids, .. await db.Assessments.Where(a => ids.Contains(a.CaseId)).Select(a => a.Id).ToListAsync(ct),
                 .. await db.CompletionLinks.Where(l => ids.Contains(l.CaseId)).Select(l => l.Id).ToListAsync(ct)]);
        app.MapInstruments();
        app.MapInstrumentTranslations();
        app.MapGroup("/api/wellbeing").WithTags("Assessments")
            .MapRecordAssessment()
            .MapReadCaseWellbeing();
        app.MapCreateCompletionLink();
        app.MapOutcomeReport();
        app.MapFeedbackReport();
        app.MapActivityReturn();
        app.MapRazorPages();
        return app;
    }
}
