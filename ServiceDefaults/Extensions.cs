using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Logging;
using SocialPrescribing.Privacy;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every process of the suite shares: telemetry to the dashboard, health endpoints,
/// service discovery, resilient HTTP clients, RFC 7807 problem details and the keys a service's copies share.
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";

    /// <summary>
    /// A folder shared by every copy of a service (a volume they all mount) for the keys that protect
    /// its cookies and form tokens: the gateway's staff session, the screens' anti-forgery tokens and
    /// their one-off messages (TempData). Each service keeps its keys in a subfolder of its own, so one
    /// volume can serve the whole suite. Unset, each process keeps its own keys (under the user's
    /// profile), which serves one copy only.
    /// </summary>
    public const string KeysPathSetting = "DataProtection:KeysPath";

    /// <summary>
    /// A PKCS#12 certificate (and <c>DataProtection:CertificatePassword</c>) that encrypts the key ring at
    /// rest; without it the keys in <see cref="KeysPathSetting"/> are written unencrypted (protect the volume).
    /// </summary>
    public const string KeysCertificateSetting = "DataProtection:CertificatePath";

    /// <summary>The shortest request line every service accepts: twice the gateway's longest address.</summary>
    public const int MinRequestLineBytes = 16 * 1024;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.AddSharedKeys();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<SocialPrescribing.Http.DatabaseErrorHandler>();
        builder.Services.AddExceptionHandler<SocialPrescribing.Http.BadRequestHandler>();
        builder.Services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, SocialPrescribing.Http.NulCharacterGuard>();
        // Every address the gateway forwards (at most 8 KB, as sent) must fit in a service's request line with its method and
        // protocol, or Kestrel refuses it before any middleware with a bare 414 instead of a problem. (Never lowered: the
        // gateway sets its own, larger, limit.)
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, MinRequestLineBytes));
        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, SocialPrescribing.Http.SecureCookies>();
        }

        // Values that cannot be bound throw in every environment, so BadRequestHandler names the parameter.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // Give in-flight requests and message handlers time to finish on SIGTERM.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        return builder;
    }

    /// <summary>
    /// Copies of a service behind one address read what any of them protected (a form rendered by one
    /// copy may be posted to another) when <see cref="KeysPathSetting"/> names a folder they share.
    /// The application name is the service's own, the same in every copy wherever it is installed.
    /// </summary>
    private static void AddSharedKeys<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var application = builder.Environment.ApplicationName;
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(application);
        if (builder.Configuration[KeysPathSetting] is { Length: > 0 } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(keysPath, application)));
        }

        if (builder.Configuration[KeysCertificateSetting] is { Length: > 0 } certificatePath)
        {
            try
            {
                dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                    certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"{KeysCertificateSetting} ('{certificatePath}') could not be read as a PKCS#12 certificate with DataProtection:CertificatePassword: {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// Applies <c>Logging:Console:LogLevel</c> to the console provider by its type. The orchestrator also sets
    /// <c>LOGGING__CONSOLE__FORMATTERNAME</c>; when configuration happens to name the section by that
    /// spelling, its rules are filed under provider "CONSOLE", which the logging filter compares
    /// case-sensitively with the console's alias "Console" and so never applies: the console then logs
    /// from Information whatever an operator set (measured 2026-11-27: every accepted referral's log line
    /// still reached the console with <c>Logging__Console__LogLevel__Default=Warning</c>).
    /// </summary>
    public static TBuilder ApplyConsoleLogLevels<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        foreach (var level in builder.Configuration.GetSection("Logging:Console:LogLevel").GetChildren())
        {
            if (Enum.TryParse<LogLevel>(level.Value, ignoreCase: true, out var minimum))
            {
                var category = string.Equals(level.Key, "Default", StringComparison.OrdinalIgnoreCase) ? null : level.Key;
                builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(category, minimum);
            }
        }

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Classified values ([Identifying], [FreeText]) are erased before any logging provider sees them.
        builder.Logging.EnableRedaction();
        builder.Services.AddRedaction(redaction => redaction.SetRedactor<ErasingRedactor>(PersonalDataTaxonomy.All));
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.ApplyConsoleLogLevels();

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "MassTransit", "Yarp.ReverseProxy", "SocialPrescribing.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit", "Yarp.ReverseProxy", "SocialPrescribing.*")
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = ctx => !IsHealthRequest(ctx.Request.Path);
                    // Query strings can carry personal data (a date of birth on a status look-up): keep names only.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.QueryString.HasValue)
                        {
                            activity.SetTag("url.query", RedactQuery(request.Query));
                        }

                        if (SecretPath(request.Path.Value) is { } redacted)
                        {
                            activity.SetTag("url.path", redacted);
                        }
                    };
                })
                .AddHttpClientInstrumentation(o =>
                {
                    o.FilterHttpRequestMessage = r => !IsHealthRequest(r.RequestUri?.AbsolutePath);
                    // The gateway relays one-time links: their token stays out of its client spans too.
                    o.EnrichWithHttpRequestMessage = (activity, message) =>
                    {
                        if (message.RequestUri is { } uri && SecretPath(uri.AbsolutePath) is { } redacted)
                        {
                            activity.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}{redacted}");
                        }
                    };
                })
                // One span per SQL command (Npgsql's own); EF Core's spans would repeat each one.
                .AddNpgsql()
                .SetSampler(TraceSampler(builder.Configuration)));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Every trace by default (what a developer watching the dashboard wants). Busy deployments set
    /// <c>Telemetry:TraceSampleRatio</c> (0 to 1) to keep that share of traces, whole: a sampled request
    /// keeps all its spans, and services downstream follow the caller's decision.
    /// </summary>
    private static Sampler TraceSampler(IConfiguration configuration)
    {
        var ratio = configuration.GetValue("Telemetry:TraceSampleRatio", 1.0);
        if (ratio is < 0 or > 1 || double.IsNaN(ratio))
        {
            throw new InvalidOperationException($"Telemetry:TraceSampleRatio must be between 0 and 1, not {ratio}.");
        }

        return new ParentBasedSampler(ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(ratio));
    }

    /// <summary>
    /// Paths that end in a secret: a one-time link's token works as a password for one questionnaire, a calendar address
    /// for a link worker's meetings, an opt-out link for a person's messages, a listing link for a provider's listing.
    /// </summary>
    private static readonly string[] SecretPathPrefixes = ["/wellbeing/complete/", "/wellbeing/feedback/", "/calendar/", "/notifications/opt-out/", "/directory/confirm/"];

    /// <summary>The path with its secret replaced by <c>{token}</c>, or null if it holds none.</summary>
    internal static string? SecretPath(string? path) =>
        path is null ? null
            : SecretPathPrefixes.FirstOrDefault(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase) && path.Length > p.Length) is { } prefix
                ? prefix + "{token}"
                : null;

    private static string RedactQuery(IQueryCollection query) =>
        "?" + string.Join('&', query.Keys.Select(key => $"{Uri.EscapeDataString(key)}=Redacted"));

    private static bool IsHealthRequest(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath);

    private static bool IsHealthRequest(string? path) => path is not null && IsHealthRequest(new PathString(path));

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Trusts the gateway's X-Forwarded-* headers, so redirects and issued URLs name the public address.
    /// Services are reachable only through the gateway inside the suite's network.
    /// </summary>
    public static WebApplication UseGatewayForwardedHeaders(this WebApplication app)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary>/health: ready (every check, incl. database and broker); /alive: the process answers.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath).DisableHttpMetrics();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).DisableHttpMetrics();
        return app;
    }
}
