using SocialPrescribing.CaseManagement.Extensions;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Persistence;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServicePipeline(first: web => web.UseNhsFrontend(), signedIn: web => web.UseLinkWorkerRoster());
app.MapApplicationEndpoints();

await app.MigrateDatabaseAsync<CaseDbContext>();
await app.RunAsync();

public partial class Program;
