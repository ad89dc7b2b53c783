using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>
/// The service configured for an external OpenID Connect provider (as an Entra ID tenant would be:
/// its own audience, app roles in <c>roles</c>, teams in <c>groups</c>), by configuration alone.
/// The provider's keys are the test keys; everything else is the product's configuration path.
/// </summary>
public sealed class ExternalProviderCaseFactory : CaseFactory
{
    public const string Audience = "api://socialprescribing";

    protected override string AdminToken => For("manager");

    public static string For(string role, string? team = null, string audience = Audience) => TestTokens.For(
        audience: audience,
        extraClaims: team is null
            ? new Dictionary<string, object> { ["roles"] = role }
            : new Dictionary<string, object> { ["roles"] = role, ["groups"] = team });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:Authority", "https://login.example.test/tenant/v2.0");
        builder.UseSetting("Auth:Audience", Audience);
        builder.UseSetting("Auth:RoleClaim", "roles");
        builder.UseSetting("Auth:TeamClaim", "groups");
    }
}

public sealed class ExternalProviderTests(ExternalProviderCaseFactory factory) : IClassFixture<ExternalProviderCaseFactory>
{
    [Fact]
    public async Task Roles_and_teams_from_the_providers_own_claims_drive_access_and_scoping()
    {
        await factory.OpenCaseAsync("SP-EXT3-N0RT", "LS6");
        await factory.OpenCaseAsync("SP-EXT3-S0UT", "LS11");

        var north = await factory.CreateClientWithToken(ExternalProviderCaseFactory.For("linkworker", team: "north"))
            .GetFromJsonAsync<JsonObject>("/api/cases");
        Assert.Equal(["SP-EXT3-N0RT"], north!["items"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()));

        var callHandler = await factory.CreateClientWithToken(ExternalProviderCaseFactory.For("callhandler")).GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.Forbidden, callHandler.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = ExternalProviderCaseFactory.For("manager", audience: "socialprescribing-api");

        var response = await factory.CreateClientWithToken(token).GetAsync("/api/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
