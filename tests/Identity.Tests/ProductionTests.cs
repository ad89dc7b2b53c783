using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Text.Json.Nodes;

namespace SocialPrescribing.Identity.Tests;

/// <summary>The same database as the Development run (so the development users exist), served as Production.</summary>
public sealed class ProductionIdentityFactory : IdentityFactory
{
    public const string GatewayClientSecret = "a-production-secret-of-32-or-more-chars";

    protected override string EnvironmentName => "Production";

    /// <summary>The Data Protection key ring outside Development: a folder that outlives the process.</summary>
    public DirectoryInfo KeysFolder { get; } = Directory.CreateTempSubdirectory("sp-identity-keys-");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:GatewayClientSecret", GatewayClientSecret);
        builder.UseSetting("DataProtection:KeysPath", KeysFolder.FullName);
        builder.UseSetting("Gateway:PublicBaseUrl", "https://socialprescribing.example.nhs.uk");
    }
}

public sealed class ProductionTests : IAsyncLifetime
{
    private readonly IdentityFactory _development = new();
    private ProductionIdentityFactory? _production;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_development).InitializeAsync();
        _production = new ProductionIdentityFactory { SharedPostgres = _development.Postgres };
        await ((IAsyncLifetime)_production).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_production!).DisposeAsync();
        _production.KeysFolder.Delete(recursive: true);
        await ((IAsyncLifetime)_development).DisposeAsync();
    }

    [Fact]
    public async Task Outside_development_every_cookie_is_secure()
    {
        var response = await _production!.CreateClient().GetAsync("/account/login");

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Without_a_lasting_key_ring_identity_refuses_to_start_naming_the_setting()
    {
        using var identity = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:identitydb", "Host=127.0.0.1;Port=1;Database=identitydb");
            web.UseSetting("Identity:GatewayClientSecret", ProductionIdentityFactory.GatewayClientSecret);
        });

        var refused = Assert.ThrowsAny<Exception>(() => identity.CreateClient());

        Assert.Contains("DataProtection:KeysPath", refused.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    public void Without_the_gateway_client_secret_identity_refuses_to_start_naming_it(string? secret)
    {
        using var identity = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:identitydb", "Host=127.0.0.1;Port=1;Database=identitydb");
            web.UseSetting("Identity:GatewayClientSecret", secret);
        });

        var refused = Assert.ThrowsAny<Exception>(() => identity.CreateClient());

        Assert.Contains("Identity:GatewayClientSecret", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_users_and_clients_are_refused_outside_development()
    {
        var (inDevelopment, _) = await _development.PasswordGrantAsync("linkworker", "Dev-Passw0rd!");
        var (inProduction, body) = await _production!.PasswordGrantAsync("linkworker", "Dev-Passw0rd!");
        var (client, _) = await _production.TokenAsync(
            ("grant_type", "client_credentials"), ("client_id", "sp-gp-system"), ("client_secret", "dev-secret"), ("scope", "referrals:write"));

        Assert.Equal(HttpStatusCode.OK, inDevelopment.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, inProduction.StatusCode);
        Assert.Null(body["access_token"]);
        Assert.NotEqual(HttpStatusCode.OK, client.StatusCode);
    }
}
