using SocialPrescribing.Gateway.Extensions;
using SocialPrescribing.WebUI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddEdgeProtection(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = EdgeProtection.MaxRequestLineBytes);
builder.Services.AddStaffSession(builder.Configuration, builder.Environment);
builder.Services.AddGatewayProxy(builder.Configuration);

var app = builder.Build();
app.UseEdgeProtection();
app.UseNhsFrontend();
app.UseExceptionHandler();
app.UseAuthentication();
app.UseAuthorization();
app.UseSessionRequestGuard();
app.MapStaticAssets();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapStaffSignOut();
app.MapReverseProxy();
await app.RunAsync();

public partial class Program;
