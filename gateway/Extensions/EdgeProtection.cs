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

    private static readonly PathString[] ImportPaths = ["/api/directory/import", "/admin/directory/import"];

    /// <summary>How large a request body may be at <paramref name="path"/>.</summary>
    public static int BodyLimitFor(PathString path) =>
        ImportPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)) ? MaxImportBytes : MaxBodyBytes;

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
        // The client's address (rate limits are per client) and scheme, as told by a proxy in front
        // (a TLS terminator or load balancer) only when it is trusted: loopback, plus the addresses
        // in Gateway:TrustedProxies.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in app.Configuration.GetSection("Gateway:TrustedProxies").Get<string[]>() ?? [])
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        app.UseForwardedHeaders(forwarded);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            if ((context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0) > MaxAddressLength)
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

    private static RateLimitPartition<string> PerClient(HttpContext context, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString(),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}

/// <summary>Security headers on every answer of the gateway (registered by <see cref="EdgeProtection.AddEdgeProtection"/>).</summary>
internal sealed class SecurityHeaders : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
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

            return nextMiddleware(context);
        });
        next(app);
    };
}
