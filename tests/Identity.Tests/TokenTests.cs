using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SocialPrescribing.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class TokenTests(IdentityFactory factory)
{
    private const string Password = "Dev-Passw0rd!";

    [Theory]
    [InlineData("callhandler", "callhandler", null)]
    [InlineData("linkworker", "linkworker", "north")]
    [InlineData("linkworker2", "linkworker", "south")]
    [InlineData("provider", "provider", null)]
    [InlineData("admin", "admin", null)]
    public async Task Development_users_get_an_access_token_carrying_their_role(string username, string role, string? team)
    {
        var (response, body) = await factory.PasswordGrantAsync(username, Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = Payload(body["access_token"]!.GetValue<string>());
        Assert.Equal(role, claims["role"]!.GetValue<string>());
        Assert.Equal(username, claims["name"]!.GetValue<string>());
        Assert.Equal("socialprescribing-api", claims["aud"]!.GetValue<string>());
        Assert.Equal(team, claims["team"]?.GetValue<string>());
    }

    [Fact]
    public async Task Provider_token_names_the_providers_organisation()
    {
        var (_, body) = await factory.PasswordGrantAsync("provider", Password);

        Assert.NotNull(Payload(body["access_token"]!.GetValue<string>())["organization"]);
    }

    [Fact]
    public async Task Wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        var (wrongPassword, body) = await factory.PasswordGrantAsync("callhandler", "not-the-password");
        var (unknownUser, other) = await factory.PasswordGrantAsync("nobody", Password);

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
        Assert.Equal(body["error_description"]!.GetValue<string>(), other["error_description"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, unknownUser.StatusCode);
    }

    [Fact]
    public async Task Integration_client_gets_a_referrals_write_token_with_client_credentials()
    {
        var (response, body) = await factory.TokenAsync(
            ("grant_type", "client_credentials"), ("client_id", "sp-gp-system"), ("client_secret", "dev-secret"), ("scope", "referrals:write"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = Payload(body["access_token"]!.GetValue<string>());
        Assert.Equal("referrals:write", claims["scope"]!.GetValue<string>());
        Assert.Equal("sp-gp-system", claims["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task Integration_client_with_a_wrong_secret_is_refused()
    {
        var (response, body) = await factory.TokenAsync(
            ("grant_type", "client_credentials"), ("client_id", "sp-gp-system"), ("client_secret", "guess"), ("scope", "referrals:write"));

        // RFC 6749 §5.2: a failed client authentication is 401 invalid_client.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_document_and_signing_keys_are_published()
    {
        var client = factory.CreateClient();

        var discovery = JsonNode.Parse(await client.GetStringAsync("/.well-known/openid-configuration"))!;
        var keys = JsonNode.Parse(await client.GetStringAsync("/.well-known/jwks"))!;

        Assert.EndsWith("/connect/token", discovery["token_endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("password", discovery["grant_types_supported"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.NotEmpty(keys["keys"]!.AsArray());
    }

    internal static JsonObject Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part)))!.AsObject();
    }
}
