using SocialPrescribing.Persistence;
using SocialPrescribing.WebUI;
using SocialPrescribing.WellbeingMetrics.Extensions;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServicePipeline(first: web => web.UseNhsFrontend().UseSuiteLanguages("/wellbeing/cases", "/reports", "/api"));
app.MapApplicationEndpoints();

await app.MigrateDatabaseAsync<WellbeingDbContext>(WellbeingDbContext.SeedAsync);
await app.RunAsync();

public partial class Program;
