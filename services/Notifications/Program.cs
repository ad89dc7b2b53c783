using SocialPrescribing.Notifications.Extensions;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServicePipeline();
app.MapApplicationEndpoints();

await app.MigrateDatabaseAsync<NotificationsDbContext>();
await app.RunAsync();

public partial class Program;
