using System.Net;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>The service checks tokens itself: a direct call that skips the gateway is refused too.</summary>
[Collection(CaseCollection.Name)]
public sealed class CaseAccessTests(CaseFactory factory)
{
    public static TheoryData<string> Routes => new()
    {
        "/api/cases",
        $"/api/cases/{Guid.NewGuid()}",
        "/api/cases/by-reference/SP-2345-6789",
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task No_token_is_401(string route) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(route)).StatusCode);

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Call_handlers_and_providers_are_403(string route)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "callhandler")).GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "provider")).GetAsync(route)).StatusCode);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    public async Task Forged_expired_or_wrong_audience_tokens_are_401(string kind)
    {
        var token = kind switch
        {
            "forged" => TestTokens.For(role: "linkworker", forged: true),
            "expired" => TestTokens.For(role: "linkworker", lifetime: TimeSpan.FromMinutes(-10)),
            _ => TestTokens.For(role: "linkworker", audience: "some-other-api"),
        };

        var response = await factory.CreateClientWithToken(token).GetAsync("/api/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("linkworker")]
    [InlineData("manager")]
    public async Task Link_workers_and_managers_may_read_cases(string role) =>
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientWithToken(TestTokens.For(role: role)).GetAsync("/api/cases")).StatusCode);

    [Theory]
    [InlineData("/api/cases")]
    [InlineData("/api/cases/counts")]
    [InlineData("/api/cases/0190a000-0000-7000-8000-000000000001")]
    [InlineData("/api/cases/0190a000-0000-7000-8000-000000000001/audit")]
    [InlineData("/api/cases/0190a000-0000-7000-8000-000000000001/gp-summary")]
    public async Task Admins_keep_the_directory_and_read_no_case(string path) =>
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "admin")).GetAsync(path)).StatusCode);
}
