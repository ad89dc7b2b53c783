using SocialPrescribing.Messaging.Retention;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Features.BrowseDirectory;
using SocialPrescribing.ServiceDirectory.Features.EditOrganization;
using SocialPrescribing.ServiceDirectory.Features.EditService;
using SocialPrescribing.ServiceDirectory.Features.ExportDirectory;
using SocialPrescribing.ServiceDirectory.Features.ImportDirectory;
using SocialPrescribing.ServiceDirectory.Features.ProviderInbox;
using SocialPrescribing.ServiceDirectory.Features.KeepListing;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Extensions;

internal static class Endpoints
{
    /// <summary>Everything this service answers, beside what every service answers (ServicePipeline).</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapFailedMessagesApi("/api/directory");
        app.MapAuditChainApi<DirectoryDbContext>("/api/directory");
        app.MapRetentionApi<DirectoryDbContext>("/api/directory", ResourceNames.ServiceDirectory);
        // "Who looked at my record": this service's part, keyed on the records of the service before it.
        app.MapAccessLogApi<DirectoryDbContext>("/api/directory", ResourceNames.ServiceDirectory, "caseId",
            (db, ids, ct) => db.ProviderReferrals.Where(r => ids.Contains(r.CaseId)).Select(r => r.Id).ToListAsync(ct));
        app.MapBrowseDirectory();
        app.MapProviderInbox();
        app.MapKeepListing();
        app.MapGroup("/api/directory").WithTags("Directory admin").RequireAuthorization(AccessPolicies.DirectoryAdmin)
            .MapEditService()
            .MapEditOrganization()
            .MapExportDirectory()
            .MapImportDirectory();
        app.MapRazorPages();
        return app;
    }
}
