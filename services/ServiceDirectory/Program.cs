using SocialPrescribing.Messaging.Persistence;
using SocialPrescribing.ServiceDirectory.Apis;
using SocialPrescribing.ServiceDirectory.Extensions;
using SocialPrescribing.ServiceDirectory.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapDirectoryApi();

await app.MigrateDatabaseAsync<DirectoryDbContext>(DirectorySeed.SeedAsync);
await app.RunAsync();

public partial class Program;
