using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.CaseManagement.Apis;
using SocialPrescribing.CaseManagement.Extensions;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Messaging.Persistence;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseNhsFrontend();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.Use(async (context, next) =>
{
    // Link workers join their team's roster (and start taking new cases) the first time they call.
    await context.RequestServices.GetRequiredService<LinkWorkerRoster>().NoteAsync(context.User, context.RequestServices, context.RequestAborted);
    await next(context);
});

app.MapStaticAssets();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapFailedMessagesApi("/api/cases");
app.MapAuditChainApi<CaseDbContext>("/api/cases");
// "Who looked at my record": this service's part, keyed on the records of the service before it.
app.MapAccessLogApi<CaseDbContext>("/api/cases", SocialPrescribing.ResourceNames.CaseManagement, "referralId",
    (db, ids, ct) => db.Cases.Where(c => ids.Contains(c.ReferralId)).Select(c => c.Id).ToListAsync(ct));
app.MapCasesApi();
app.MapJourneyApi();
app.MapCaseworkApi();
app.MapGpSummaryApi();
app.MapRazorPages();

await app.MigrateDatabaseAsync<CaseDbContext>();
await app.RunAsync();

public partial class Program;
