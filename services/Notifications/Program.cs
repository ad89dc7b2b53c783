using SocialPrescribing.Notifications.Extensions;
using SocialPrescribing.Notifications.Features.StaffAlerts;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Persistence;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServicePipeline(first: web => web.UseNhsFrontend().UseSuiteLanguages("/notifications/messages", "/api"), signedIn: web => web.UseStaffRoster());
app.MapApplicationEndpoints();

await app.MigrateDatabaseAsync<NotificationsDbContext>();
await app.RunAsync();

public partial class Program;
