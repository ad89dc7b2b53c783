using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.TestSupport;

/// <summary>
/// Access tokens for per-service tests, shaped like the Identity service's (at+jwt, RS256, the suite's
/// audience), signed by a key the service under test is told to trust. Also forged and expired ones.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "http://identity.test/";

    private static readonly RsaSecurityKey TrustedKey = new(RSA.Create(2048)) { KeyId = "trusted-test-key" };

    public static OpenIdConnectConfiguration Configuration { get; } = CreateConfiguration();

    public static string For(
        string? role = null,
        string? scope = null,
        string? team = null,
        string? organization = null,
        string subject = "test-user",
        string audience = SuiteAuthentication.Audience,
        TimeSpan? lifetime = null,
        bool forged = false,
        IReadOnlyDictionary<string, object>? extraClaims = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = subject };
        foreach (var (type, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[type] = value;
        }

        if (role is not null)
        {
            claims[SuiteAuthentication.RoleClaim] = role;
        }

        if (scope is not null)
        {
            claims[SuiteAuthentication.ScopeClaim] = scope;
        }

        if (team is not null)
        {
            claims[SuiteAuthentication.TeamClaim] = team;
        }

        if (organization is not null)
        {
            claims[SuiteAuthentication.OrganizationClaim] = organization;
        }

        var now = DateTime.UtcNow;
        var life = lifetime ?? TimeSpan.FromMinutes(10);
        var key = forged ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = TrustedKey.KeyId } : TrustedKey;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now + life - TimeSpan.FromMinutes(10),
            NotBefore = now + life - TimeSpan.FromMinutes(10),
            Expires = now + life,
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static OpenIdConnectConfiguration CreateConfiguration()
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(TrustedKey);
        return configuration;
    }
}
