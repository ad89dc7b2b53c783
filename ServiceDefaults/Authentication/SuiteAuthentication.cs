using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SocialPrescribing.Authentication;

public static class SuiteAuthentication
{
    /// <summary>The audience of every access token the suite's Identity service issues.</summary>
    public const string Audience = "socialprescribing-api";

    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";
    public const string ScopeClaim = "scope";
    public const string TeamClaim = "team";
    public const string OrganizationClaim = "organization";

    /// <summary>Who made a change, as records name them: the caller's user id, or <c>unknown</c>.</summary>
    public static string Actor(this Microsoft.AspNetCore.Http.HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.FindFirst(SubjectClaim)?.Value ?? "unknown";
    }

    /// <summary>The scope staff clients ask for to call the APIs.</summary>
    public const string ApiScope = "api";

    /// <summary>The scope an integration client needs to submit professional referrals.</summary>
    public const string ReferralsWriteScope = "referrals:write";

    /// <summary>The gateway's client at the suite's Identity service: registered by Identity, used by the gateway.</summary>
    public const string GatewayClientId = "gateway";

    /// <summary>The gateway's client secret in Development only; anywhere else both sides must be given the same secret.</summary>
    public const string DevelopmentGatewayClientSecret = "gateway-dev-secret";

    /// <summary>
    /// Validates bearer access tokens in the service itself (the gateway is not the only lock): JWTs
    /// signed by the Identity service, for the suite's audience. The keys are read from Identity
    /// directly (<c>http://identity</c> through service discovery). With an external provider
    /// configured (<see cref="ExternalProvider"/>) its issuer, keys and audience are used instead.
    /// </summary>
    public static TBuilder AddSuiteAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var external = ExternalProvider.From(builder.Configuration);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Audience = Audience;
                options.RequireHttpsMetadata = false;
                options.TokenValidationParameters.NameClaimType = NameClaim;
                options.TokenValidationParameters.RoleClaimType = RoleClaim;
                options.TokenValidationParameters.ValidTypes = ["at+jwt"];
                if (external.IsConfigured)
                {
                    // The provider's own discovery document and keys, over HTTPS; its token type may be plain JWT.
                    options.Authority = external.Authority;
                    options.Audience = external.Audience ?? Audience;
                    options.RequireHttpsMetadata = true;
                    options.TokenValidationParameters.ValidTypes = null;
                }
            });
        builder.Services.AddSuiteClaimsMapping(external);
        if (!external.IsConfigured)
        {
            builder.Services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, IdentityMetadata>();
        }

        return builder;
    }

    /// <summary>Registers the external provider's settings and the mapping of its claims onto the suite's names.</summary>
    public static IServiceCollection AddSuiteClaimsMapping(this IServiceCollection services, ExternalProvider provider)
    {
        services.AddSingleton(provider);
        if (provider.ClaimMappings().Any())
        {
            services.AddTransient<Microsoft.AspNetCore.Authentication.IClaimsTransformation, ExternalClaimsMapping>();
        }

        return services;
    }

    /// <summary>Points token validation at the Identity service's metadata and keys.</summary>
    private sealed class IdentityMetadata(IConfiguration configuration, IHttpClientFactory httpClients) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions options)
        {
            if (options.ConfigurationManager is not null || options.Configuration is not null)
            {
                return;
            }

            var authority = new Uri((configuration["Auth:IdentityUrl"] ?? "http://identity").TrimEnd('/') + "/");
            var documents = new HttpDocumentRetriever(httpClients.CreateClient("identity-metadata")) { RequireHttps = false };
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                new Uri(authority, ".well-known/openid-configuration").ToString(),
                new InternalKeysRetriever(authority),
                documents);
        }
    }

    /// <summary>
    /// The discovery document names public addresses (the gateway); the services read the signing
    /// keys from the Identity service itself, so validation never depends on the gateway.
    /// </summary>
    private sealed class InternalKeysRetriever(Uri authority) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var configuration = OpenIdConnectConfiguration.Create(await retriever.GetDocumentAsync(address, cancel));
            configuration.JsonWebKeySet = Microsoft.IdentityModel.Tokens.JsonWebKeySet.Create(
                await retriever.GetDocumentAsync(new Uri(authority, ".well-known/jwks").ToString(), cancel));
            foreach (var key in configuration.JsonWebKeySet.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            return configuration;
        }
    }
}
