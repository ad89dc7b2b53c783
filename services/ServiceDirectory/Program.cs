using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Persistence;
using SocialPrescribing.ServiceDirectory.Apis;
using SocialPrescribing.ServiceDirectory.Extensions;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseNhsFrontend();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapStaticAssets();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapFailedMessagesApi("/api/directory");
app.MapAuditChainApi<DirectoryDbContext>("/api/directory");
// "Who looked at my record": this service's part, keyed on the records of the service before it.
app.MapAccessLogApi<DirectoryDbContext>("/api/directory", SocialPrescribing.ResourceNames.ServiceDirectory, "caseId",
    (db, ids, ct) => db.ProviderReferrals.Where(r => ids.Contains(r.CaseId)).Select(r => r.Id).ToListAsync(ct));
app.MapDirectoryApi();
app.MapProviderReferralsApi();
app.MapDirectoryAdminApi();
app.MapRazorPages();

// The needs taxonomy everywhere; the demonstration directory only in development.
var demoServices = app.Environment.IsDevelopment()
    ? app.Configuration.GetValue("Directory:DemoServices", DirectorySeed.DefaultDemoServices)
    : 0;
var time = app.Services.GetRequiredService<TimeProvider>();
await app.MigrateDatabaseAsync<DirectoryDbContext>((db, cancellationToken) => DirectorySeed.SeedAsync(db, demoServices, time, cancellationToken));
await app.RunAsync();

public partial class Program;
