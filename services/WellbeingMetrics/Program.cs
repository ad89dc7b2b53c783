using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Persistence;
using SocialPrescribing.WellbeingMetrics.Apis;
using SocialPrescribing.WellbeingMetrics.Extensions;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
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

app.MapStaticAssets();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapFailedMessagesApi("/api/wellbeing");
app.MapAuditChainApi<WellbeingDbContext>("/api/wellbeing");
// "Who looked at my record": this service's part, keyed on the records of the service before it.
app.MapAccessLogApi<WellbeingDbContext>("/api/wellbeing", SocialPrescribing.ResourceNames.WellbeingMetrics, "caseId",
    async (db, ids, ct) => [.. ids, .. await db.Assessments.Where(a => ids.Contains(a.CaseId)).Select(a => a.Id).ToListAsync(ct), .. await db.CompletionLinks.Where(l => ids.Contains(l.CaseId)).Select(l => l.Id).ToListAsync(ct)]);
app.MapInstrumentsApi();
app.MapAssessmentsApi();
app.MapCompletionLinksApi();
app.MapReportsApi();
app.MapRazorPages();

await app.MigrateDatabaseAsync<WellbeingDbContext>(WellbeingDbContext.SeedAsync);
await app.RunAsync();

public partial class Program;
