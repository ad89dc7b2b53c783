using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace SocialPrescribing.Gateway.Extensions;

/// <summary>
/// What the public edge does before anything reaches a service: security headers, a 64 KB body
/// limit, and rate limits on the public endpoints (self-referral, status look-ups).
/// </summary>
internal static class EdgeProtection
{
    public const string SelfReferralPolicy = "self-referral";
    public const string StatusLookupPolicy = "status-lookup";
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The longest address (path and query) the gateway forwards; longer ones get a 414 problem.</summary>
    public const int MaxAddressLength = 8 * 1024;

    /// <summary>
    /// What Kestrel itself accepts as a request line. It refuses longer lines before any middleware
    /// runs (a bare 414), so it is set well above <see cref="MaxAddressLength"/>: the refusals people
    /// meet are problem responses.
    /// </summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    /// <summary>A directory import (an ORUK service package) is the one large body; the service checks it again.</summary>
    public const int MaxImportBytes = 16 * 1024 * 1024;

    /// <summary>A FHIR referral message: senders' Bundles carry the person's record around the referral (1 MB; the service checks it again).</summary>
    public const int MaxFhirBytes = 1024 * 1024;

    private static readonly PathString[] ImportPaths = ["/api/directory/import", "/admin/directory/import"];

    private static readonly PathString FhirReferrals = "/api/referrals/fhir";

    /// <summary>How large a request body may be at <paramref name="path"/>.</summary>
    public static int BodyLimitFor(PathString path) =>
        ImportPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)) ? MaxImportBytes
        : path.StartsWithSegments(FhirReferrals, StringComparison.OrdinalIgnoreCase) ? MaxFhirBytes
        : MaxBodyBytes;

    // The NHS.UK frontend loads its fonts from assets.nhs.uk; nothing else comes from elsewhere.
    internal const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self' https://assets.nhs.uk; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IServiceCollection AddEdgeProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var selfReferrals = configuration.GetValue("Gateway:SelfReferralsPerMinute", 20);
        var statusLookups = configuration.GetValue("Gateway:StatusLookupsPerMinute", 10);
        // The first of all startup filters, so its middleware runs before any other: every answer carries
        // the security headers, also those refused before the pipeline proper (an address holding NUL).
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, SecurityHeaders>());
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: "Please wait a minute and try again.").ExecuteAsync(context.HttpContext);
            };
            options.AddPolicy(SelfReferralPolicy, context => PerClient(context, selfReferrals));
            options.AddPolicy(StatusLookupPolicy, context => PerClient(context, statusLookups));
        });
    }

    public static WebApplication UseEdgeProtection(this WebApplication app)
    {
        app.UseForwardedHeaders(TrustedForwarding(app.Configuration));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            // Measured as sent (percent-encoded), which is what is forwarded: a decoded path is shorter than the line it came in.
            var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
            var length = target?.Length ?? (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);
            if (length > MaxAddressLength)
            {
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status414UriTooLong,
                    title: "Address too long",
                    detail: $"The path and query may be at most {MaxAddressLength / 1024} KB.").ExecuteAsync(context);
                return;
            }

            var bodyLimit = BodyLimitFor(context.Request.Path);
            if (context.Request.ContentLength > bodyLimit)
            {
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "Request too large",
                    detail: $"The body may be at most {bodyLimit / 1024} KB.").ExecuteAsync(context);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = bodyLimit;
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    public const string TrustedProxiesSetting = "Gateway:TrustedProxies";

    /// <summary>
    /// The client's address (rate limits are per client) and scheme (cookies are Secure, HSTS is sent over
    /// https) as told by a proxy in front (the TLS-terminating Ingress or load balancer) only when it is
    /// trusted: loopback, plus the addresses and networks (<c>10.0.0.0/8</c>) in <c>Gateway:TrustedProxies</c>.
    /// A value that is neither stops start-up, naming the setting.
    /// </summary>
    public static ForwardedHeadersOptions TrustedForwarding(IConfiguration configuration)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        var proxies = configuration.GetSection(TrustedProxiesSetting).GetChildren().Select(c => c.Value).ToList();
        if (configuration[TrustedProxiesSetting] is { Length: > 0 } single)
        {
            proxies.AddRange(single.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        foreach (var proxy in proxies.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (IPAddress.TryParse(proxy, out var address) && !proxy!.Contains('/', StringComparison.Ordinal))
            {
                forwarded.KnownProxies.Add(address);
            }
            else if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            else
            {
                throw new InvalidOperationException($"{TrustedProxiesSetting} holds '{proxy}', which is neither an IP address nor a network (such as 10.0.0.5 or 10.0.0.0/8).");
            }
        }

        return forwarded;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString(),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}

/// <summary>
/// Security headers on every answer of the gateway (registered by <see cref="EdgeProtection.AddEdgeProtection"/>),
/// set as the answer starts so they replace whatever a service sent (one X-Frame-Options, not the service's
/// and the gateway's). Every answer but a static file is <c>Cache-Control: no-store</c>: API answers and
/// pages may carry a person's details, which no browser or proxy should keep.
/// </summary>
internal sealed class SecurityHeaders : IStartupFilter
{
    /// <summary>Files served as they are (the frontend's styles, scripts, images and fonts): browsers may keep them.</summary>
    private static readonly string[] StaticExtensions = [".css", ".js", ".mjs", ".map", ".png", ".svg", ".ico", ".jpg", ".gif", ".webp", ".woff", ".woff2", ".webmanifest"];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            // Every answer starts, also one refused before the pipeline proper (an address holding NUL).
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
            return nextMiddleware(context);
        });
        next(app);
    };

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // The API reference UI (Scalar) needs inline scripts; every other page gets the strict policy.
        if (!context.Request.Path.StartsWithSegments("/api-docs") && !context.Request.Path.StartsWithSegments("/scalar"))
        {
            headers.ContentSecurityPolicy = EdgeProtection.ContentSecurityPolicy;
        }

        if (!IsStaticFile(context.Request.Path))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            headers.Remove("Expires");
        }
    }

    internal static bool IsStaticFile(PathString path) =>
        Path.GetExtension(path.Value) is { Length: > 0 } extension && StaticExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
}
