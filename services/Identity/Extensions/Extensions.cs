using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using SocialPrescribing.Authentication;
using SocialPrescribing.Http;
using SocialPrescribing.Identity.Infrastructure;
using SocialPrescribing.Identity.Model;
using SocialPrescribing.Persistence;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SocialPrescribing.Identity.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Secrets first: outside Development a missing one stops start-up, naming the setting.
        IdentitySeed.GatewayClientSecret(builder.Configuration, builder.Environment);
        // The token keys are encrypted with this service's Data Protection key ring: outside Development it
        // must outlive the process (a volume), or no stored key could be read after a restart.
        if (!builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(builder.Configuration[ServiceDefaultsExtensions.KeysPathSetting]))
        {
            throw new InvalidOperationException($"{ServiceDefaultsExtensions.KeysPathSetting} is required outside Development for the Identity service: its token keys are encrypted with the key ring kept there.");
        }

        builder.AddServiceDbContext<IdentityDbContext>(ResourceNames.IdentityDb);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                // No fixed lock-out anyone could trigger against a colleague: guessing is slowed by the
                // throttle (Model/SignInThrottle) instead. An administrator may still disable an account.
                options.Lockout.AllowedForNewUsers = false;
                options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                options.Tokens.AuthenticatorTokenProvider = OneUseAuthenticatorCodes.ProviderName;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.Password.RequiredLength = 12;
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneUseAuthenticatorCodes>(OneUseAuthenticatorCodes.ProviderName);
        // Passkeys: the browser's own prompt proves the person (user verification), so a passkey is a second factor.
        // A passkey belongs to the address people use (Gateway:PublicBaseUrl), and answers only from there.
        var publicAddress = PublicBaseUrl.From(builder.Configuration, builder.Environment).Value;
        var publicOrigin = publicAddress.GetLeftPart(UriPartial.Authority);
        builder.Services.Configure<IdentityPasskeyOptions>(options =>
        {
            options.ServerDomain = publicAddress.Host;
            options.UserVerificationRequirement = "required";
            options.ResidentKeyRequirement = "required";
            options.ValidateOrigin = context => ValueTask.FromResult(
                !context.CrossOrigin && string.Equals(context.Origin, publicOrigin, StringComparison.OrdinalIgnoreCase));
        });
        builder.Services.AddSingleton(MfaRequirement.From(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<KnownBrowsers>();
        builder.Services.AddScoped<SignInAttempts>();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.Cookie.Name = "sp.identity";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.HttpOnly = true;
            // Never longer than the staff session at the gateway: idle 30 minutes, absolute 10 hours (Session:*).
            SessionLifetime.From(builder.Configuration).ApplyTo(options, TimeProvider.System);
        });

        // Before AddOpenIddict: its own post-configuration checks that keys are present.
        builder.Services.AddSingleton<TokenKeys>();
        builder.Services.AddSingleton<IPostConfigureOptions<OpenIddictServerOptions>, DatabaseKeys>();
        builder.Services.AddSingleton<TokenKeyRotation>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TokenKeyRotation>());
        var issuer = builder.Configuration["Identity:Issuer"];
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowPasswordFlow()
                    .AllowRefreshTokenFlow();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, SuiteAuthentication.ApiScope, SuiteAuthentication.ReferralsWriteScope);
                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(30));
                // Services validate the access token themselves (JWT, signed, not encrypted).
                options.DisableAccessTokenEncryption();
                if (!string.IsNullOrWhiteSpace(issuer))
                {
                    options.SetIssuer(new Uri(issuer));
                }

                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends in front of the gateway; inside the suite traffic is plain HTTP.
                    .DisableTransportSecurityRequirement();
            });

        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
    }
}
