using SocialPrescribing.Messaging.Retention;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.AssignCase;
using SocialPrescribing.CaseManagement.Features.GpWriteBack;
using SocialPrescribing.CaseManagement.Features.ListCases;
using SocialPrescribing.CaseManagement.Features.ManageTasks;
using SocialPrescribing.CaseManagement.Features.Meetings;
using SocialPrescribing.CaseManagement.Features.MoveCase;
using SocialPrescribing.CaseManagement.Features.Prescribe;
using SocialPrescribing.CaseManagement.Features.ReadCase;
using SocialPrescribing.CaseManagement.Features.RecordContact;
using SocialPrescribing.CaseManagement.Features.RecordWhatMatters;
using SocialPrescribing.CaseManagement.Features.Safeguarding;
using SocialPrescribing.CaseManagement.Features.WriteNote;
using SocialPrescribing.CaseManagement.Features.Diary;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;

namespace SocialPrescribing.CaseManagement.Extensions;

internal static class Endpoints
{
    /// <summary>Everything this service answers, beside what every service answers (ServicePipeline).</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapFailedMessagesApi("/api/cases");
        app.MapAuditChainApi<CaseDbContext>("/api/cases");
        app.MapRetentionApi<CaseDbContext>("/api/cases", ResourceNames.CaseManagement);
        // "Who looked at my record": this service's part, keyed on the records of the service before it.
        app.MapAccessLogApi<CaseDbContext>("/api/cases", ResourceNames.CaseManagement, "referralId",
            (db, ids, ct) => db.Cases.Where(c => ids.Contains(c.ReferralId)).Select(c => c.Id).ToListAsync(ct));
        app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(AccessPolicies.CaseReader)
            .MapListCases()
            .MapReadCase();
        app.MapGroup("/api/cases/{id:guid}").WithTags("Cases").RequireAuthorization(AccessPolicies.CaseReader)
            .MapMoveCase()
            .MapAssignCase()
            .MapPrescribe();
        app.MapGroup("/api/cases/{id:guid}").WithTags("Casework").RequireAuthorization(AccessPolicies.CaseReader)
            .MapMeetings()
            .MapRecordContact()
            .MapWriteNote()
            .MapTasks()
            .MapRecordWhatMatters()
            .MapRaiseConcern();
        app.MapSafeguarding();
        app.MapDiaryFeed();
        app.MapGpWriteBack();
        app.MapRazorPages();
        return app;
    }
}
