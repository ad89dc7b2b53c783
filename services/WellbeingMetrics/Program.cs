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
app.MapInstrumentsApi();
app.MapAssessmentsApi();
app.MapCompletionLinksApi();
app.MapReportsApi();
app.MapRazorPages();

await app.MigrateDatabaseAsync<WellbeingDbContext>(WellbeingDbContext.SeedAsync);
await app.RunAsync();

public partial class Program;
