using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// GP practice systems as the GP summary sender meets them (no GP system is reachable from here): an HTTP server that takes a
/// FHIR message for one practice, answering with an OperationOutcome, and refuses every message for another, as a system
/// that is down for maintenance does. It keeps what it was sent.
/// </summary>
public sealed class StandInGpSystem : IAsyncDisposable
{
    public const string Taking = "Y12345";
    public const string Refusing = "Y99999";

    private readonly WebApplication _app;

    private StandInGpSystem(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Practice, string ContentType, string Body)> Received { get; } = [];

    public string BaseUrl => _app.Urls.First();

    public static async Task<StandInGpSystem> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var system = new StandInGpSystem(app);
        app.MapPost("/practice/{practice}/fhir", async (string practice, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            system.Received.Enqueue((practice, request.ContentType ?? "", await reader.ReadToEndAsync()));
            return practice == Refusing
                ? Results.Text("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"The practice system is down for maintenance."}]}""",
                    "application/fhir+json", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text("""{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational","diagnostics":"Filed in the GP record."}]}""",
                    "application/fhir+json", statusCode: StatusCodes.Status200OK);
        });
        await app.StartAsync();
        return system;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
