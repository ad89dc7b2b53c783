using SocialPrescribing.Persistence;
using SocialPrescribing.ReferralIntake.Extensions;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServicePipeline(first: web => web.UseNhsFrontend().UseSuiteLanguages("/intake", "/people", "/refer/professional", "/api"));
app.MapApplicationEndpoints();

await app.MigrateDatabaseAsync<ReferralDbContext>();
await app.RunAsync();

public partial class Program;
