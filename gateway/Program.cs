using Scalar.AspNetCore;
using Yarp.ReverseProxy.Transforms;
using SocialPrescribing.Gateway.Extensions;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddEdgeProtection(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = EdgeProtection.MaxRequestLineBytes);
builder.Services.AddStaffSession(builder.Configuration, builder.Environment);
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .LoadIdentityRoutes(builder.Configuration)
    .AddServiceDiscoveryDestinationResolver()
    .AddSessionTokenRelay()
    // The operator key is for the AppHost's dashboard commands, which call services directly: never from outside.
    .AddTransforms(context => context.AddRequestHeaderRemove("X-Operator-Key"));

var app = builder.Build();
app.UseEdgeProtection();
app.UseNhsFrontend();
app.UseExceptionHandler();

app.UseAuthentication();
app.UseAuthorization();
app.UseSessionRequestGuard();

app.MapStaticAssets();
app.MapDefaultEndpoints();
app.MapScalarApiReference("/api-docs", options => options
    .WithTitle("Social prescribing APIs")
    .AddDocument("referrals", "Referral Intake", "/api/referrals/openapi/v1.json")
    .AddDocument("cases", "Case Management", "/api/cases/openapi/v1.json")
    .AddDocument("directory", "Service Directory (ORUK 3.0)", "/api/directory/openapi/v1.json")
    .AddDocument("wellbeing", "Wellbeing Metrics", "/api/wellbeing/openapi/v1.json"));
app.MapStaffSignOut();
app.MapReverseProxy();

await app.RunAsync();

public partial class Program;
