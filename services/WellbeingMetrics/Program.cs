using SocialPrescribing.Messaging.Persistence;
using SocialPrescribing.WellbeingMetrics.Apis;
using SocialPrescribing.WellbeingMetrics.Extensions;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

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
app.MapInstrumentsApi();
app.MapAssessmentsApi();

await app.MigrateDatabaseAsync<WellbeingDbContext>(WellbeingDbContext.SeedAsync);
await app.RunAsync();

public partial class Program;
