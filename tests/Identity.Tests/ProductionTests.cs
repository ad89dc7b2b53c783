using System.Net;
using System.Text.Json.Nodes;

namespace SocialPrescribing.Identity.Tests;

/// <summary>The same database as the Development run (so the development users exist), served as Production.</summary>
public sealed class ProductionIdentityFactory : IdentityFactory
{
    protected override string EnvironmentName => "Production";
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
        await ((IAsyncLifetime)_development).DisposeAsync();
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
