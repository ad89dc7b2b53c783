using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authentication;
using SocialPrescribing.Authentication;
using SocialPrescribing.Configuration;
using SocialPrescribing.Http;
using Yarp.ReverseProxy.Transforms;

namespace SocialPrescribing.Gateway.Extensions;

/// <summary>
/// The browser session for staff screens: the gateway signs people in with the Identity service
/// (authorization code + PKCE), keeps the tokens in an encrypted, HTTP-only cookie, and relays the
/// access token to the services, which check it again. API callers send their own bearer token.
/// </summary>
internal static class StaffSession
{
    /// <summary>Route policy for staff screens: sign in first.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>The staff session cookie.</summary>
    public const string SessionCookie = "sp.session";

    /// <summary>The gateway's client secret at the Identity service (a secret: required outside Development).</summary>
    public const string ClientSecretSetting = "Gateway:ClientSecret";

    public static IServiceCollection AddStaffSession(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var publicUrl = PublicBaseUrl.From(configuration, environment).Value.ToString().TrimEnd('/');
        var external = ExternalProvider.From(configuration);
        // Secrets are checked as the gateway starts: outside Development a missing one stops it, naming the setting.
        var clientSecret = external.IsConfigured
            ? RequiredSettings.Secret(configuration, environment, $"{ExternalProvider.Section}:{nameof(ExternalProvider.ClientSecret)}", external.ClientSecret, minimumLength: 16)
            : RequiredSettings.Secret(configuration, environment, ClientSecretSetting, SuiteAuthentication.DevelopmentGatewayClientSecret);
        var lifetime = SessionLifetime.From(configuration);
        services.AddSuiteClaimsMapping(external);
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Idle 30 minutes, absolute 10 hours (Session:*); the access token is refreshed as it nears its end.
                lifetime.ApplyTo(options, TimeProvider.System);
                var validate = options.Events.OnValidatePrincipal;
                options.Events.OnValidatePrincipal = async context =>
                {
                    await validate(context);
                    if (context.Principal is not null)
                    {
                        await SessionTokens.RefreshIfDueAsync(context, TimeProvider.System);
                    }
                };
            })
            .AddOpenIdConnect(options =>
            {
                // The Identity service is reached through this gateway, at the address people use;
                // an external provider (Auth:Authority) at its own address, over HTTPS.
                options.Authority = external.IsConfigured ? external.Authority : publicUrl + "/";
                options.RequireHttpsMetadata = external.IsConfigured;
                options.ClientId = external.IsConfigured ? external.ClientId : configuration["Gateway:ClientId"] ?? SuiteAuthentication.GatewayClientId;
                options.ClientSecret = clientSecret;
                options.ResponseType = "code";
                // A top-level GET back to /signin-oidc, so Lax cookies survive on plain-HTTP development hosts.
                options.ResponseMode = "query";
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.Scope.Clear();
                var scopes = external.IsConfigured
                    ? ["openid", "profile", .. (external.Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)]
                    : new[] { "openid", "profile", "roles", "offline_access", SuiteAuthentication.ApiScope };
                foreach (var scope in scopes)
                {
                    options.Scope.Add(scope);
                }

                options.TokenValidationParameters.NameClaimType = SuiteAuthentication.NameClaim;
                options.TokenValidationParameters.RoleClaimType = SuiteAuthentication.RoleClaim;
                // A new staff session always starts with signing in: the provider's own sign-in (the Identity
                // service's cookie, or CIS2's / Entra ID's) never silently renews one that has ended.
                options.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.Prompt = "login";
                    return Task.CompletedTask;
                };
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request is HTTPS; plain HTTP only on a development host.
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        services.AddAuthorizationBuilder().AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser());
        return services;
    }

    /// <summary>
    /// The Identity service's routes (<c>IdentityRoutes</c>: /connect, /.well-known, /account), unless
    /// staff sign in with an external provider, in which case the Identity service is not deployed.
    /// </summary>
    public static IReverseProxyBuilder LoadIdentityRoutes(this IReverseProxyBuilder proxy, IConfiguration configuration) =>
        ExternalProvider.From(configuration).IsConfigured ? proxy : proxy.LoadFromConfig(configuration.GetSection("IdentityRoutes"));

    /// <summary>Adds the session's access token to proxied requests that do not carry their own.</summary>
    public static IReverseProxyBuilder AddSessionTokenRelay(this IReverseProxyBuilder proxy) =>
        proxy.AddTransforms(context => context.AddRequestTransform(async transform =>
        {
            if (transform.ProxyRequest.Headers.Authorization is not null
                || !transform.HttpContext.Request.Cookies.ContainsKey(SessionCookie))
            {
                return;
            }

            var token = await transform.HttpContext.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, "access_token");
            if (token is not null)
            {
                transform.ProxyRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }
        }));

    /// <summary>The header an API call signed in by the staff session must carry (any value).</summary>
    public const string RequestedWithHeader = "X-Requested-With";

    /// <summary>
    /// An API call that changes state and is signed in only by the staff session cookie must also carry
    /// <see cref="RequestedWithHeader"/>: another site's page can make a browser send the cookie (a form
    /// post, or a browser that ignores SameSite) but cannot add a custom header without CORS, which the
    /// gateway does not grant. Calls with their own bearer token, reads and the screens' own forms (which
    /// carry the services' anti-forgery tokens) are not affected.
    /// </summary>
    public static WebApplication UseSessionRequestGuard(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api")
                && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                && request.Headers.Authorization.Count == 0
                && request.Cookies.ContainsKey(SessionCookie)
                && request.Headers[RequestedWithHeader].Count == 0)
            {
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Missing request header",
                    detail: $"An API call that changes something and is signed in by the browser session must send the {RequestedWithHeader} header.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// /signout: ends the gateway session and the Identity session. The form that posts here is
    /// rendered by a service, so it carries no gateway antiforgery token; a post from another site is
    /// refused by its Origin / Sec-Fetch-Site headers instead.
    /// </summary>
    public static IEndpointRouteBuilder MapStaffSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", (HttpContext http) => IsSameOrigin(http.Request)
                ? TypedResults.SignOut(
                    new AuthenticationProperties { RedirectUri = "/" },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])
                : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Sign out from this site's own pages."))
            .ExcludeFromDescription();
        return app;
    }

    private static bool IsSameOrigin(HttpRequest request)
    {
        // Browsers send Sec-Fetch-Site; with Referrer-Policy no-referrer their Origin is "null".
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite is "same-origin" or "none";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || origin == "null"
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
