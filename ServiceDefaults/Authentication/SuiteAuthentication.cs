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

    /// <summary>The scope staff clients ask for to call the APIs.</summary>
    public const string ApiScope = "api";

    /// <summary>The scope an integration client needs to submit professional referrals.</summary>
    public const string ReferralsWriteScope = "referrals:write";

    /// <summary>
    /// Validates bearer access tokens in the service itself (the gateway is not the only lock): JWTs
    /// signed by the Identity service, for the suite's audience. The keys are read from Identity
    /// directly (<c>Auth:Authority</c>, default <c>http://identity</c> through service discovery).
    /// </summary>
    public static TBuilder AddSuiteAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Audience = Audience;
                options.RequireHttpsMetadata = false;
                options.TokenValidationParameters.NameClaimType = NameClaim;
                options.TokenValidationParameters.RoleClaimType = RoleClaim;
                options.TokenValidationParameters.ValidTypes = ["at+jwt"];
            });
        builder.Services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, IdentityMetadata>();
        return builder;
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

            var authority = new Uri((configuration["Auth:Authority"] ?? "http://identity").TrimEnd('/') + "/");
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
