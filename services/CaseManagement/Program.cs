using SocialPrescribing.CaseManagement.Apis;
using SocialPrescribing.CaseManagement.Extensions;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Messaging.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapCasesApi();

await app.MigrateDatabaseAsync<CaseDbContext>();
await app.RunAsync();

public partial class Program;
