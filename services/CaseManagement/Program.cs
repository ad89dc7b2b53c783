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

app.MapStaticAssets();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapCasesApi();
app.MapJourneyApi();
app.MapRazorPages();

await app.MigrateDatabaseAsync<CaseDbContext>();
await app.RunAsync();

public partial class Program;
