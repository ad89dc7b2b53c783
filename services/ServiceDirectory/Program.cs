using SocialPrescribing.Persistence;
using SocialPrescribing.ServiceDirectory.Extensions;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServicePipeline(first: web => web.UseNhsFrontend().UseSuiteLanguages("/admin", "/provider", "/directory/confirm", "/api"));
app.MapApplicationEndpoints();

await app.MigrateDatabaseAsync<DirectoryDbContext>(DirectorySeed.For(app));
await app.RunAsync();

public partial class Program;
