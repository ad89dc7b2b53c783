using SocialPrescribing.Identity.Extensions;
using SocialPrescribing.Identity.Features.Connect;
using SocialPrescribing.Identity.Infrastructure;
using SocialPrescribing.Persistence;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServicePipeline(first: web => web.UseGatewayForwardedHeaders().UseNhsFrontend());
app.MapConnect();
app.MapRazorPages();

await app.MigrateDatabaseAsync<IdentityDbContext>();
await IdentitySeed.SeedAsync(app.Services, CancellationToken.None);
await app.RunAsync();

public partial class Program;
