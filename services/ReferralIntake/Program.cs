using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Persistence;
using SocialPrescribing.ReferralIntake.Apis;
using SocialPrescribing.ReferralIntake.Extensions;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseNhsFrontend();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapStaticAssets();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapFailedMessagesApi("/api/referrals");
app.MapAuditChainApi<ReferralDbContext>("/api/referrals");
app.MapPeopleApi();
app.MapReferralsApi();
app.MapFhirReferralsApi();
app.MapRazorPages();

await app.MigrateDatabaseAsync<ReferralDbContext>();
await app.RunAsync();

public partial class Program;
