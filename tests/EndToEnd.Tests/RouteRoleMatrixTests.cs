using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// Generated from the services' own OpenAPI documents (their <c>x-authorization</c> rule): every
/// route that needs sign-in answers 401 without a token and 403 to a role it does not allow, through
/// the gateway with real tokens from the Identity service.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class RouteRoleMatrixTests(SuiteFixture suite)
{
    private static readonly string[] Roles = ["callhandler", "linkworker", "provider", "manager", "admin", "professional", "safeguarding"];

    [Theory]
    [InlineData("referrals")]
    [InlineData("cases")]
    [InlineData("directory")]
    [InlineData("wellbeing")]
    [InlineData("notifications")]
    public async Task Every_protected_route_refuses_no_token_and_wrong_roles(string service)
    {
        var document = JsonNode.Parse(await suite.Gateway.GetStringAsync($"/api/{service}/openapi/v1.json"))!;
        var checkedRoutes = new List<string>();
        using var anonymous = new HttpClient { BaseAddress = suite.Gateway.BaseAddress };

        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Value?["x-authorization"] is not null))
            {
                var rule = operation!["x-authorization"]!;
                if (rule["access"]!.GetValue<string>() == "public")
                {
                    continue;
                }

                var path = Concrete(template, operation);
                var withoutToken = await anonymous.SendAsync(Request(method, path));
                Assert.True(withoutToken.StatusCode == HttpStatusCode.Unauthorized, $"{method.ToUpperInvariant()} {path} without a token: {(int)withoutToken.StatusCode}");

                var allowed = rule["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                foreach (var role in Roles.Where(r => allowed.Count > 0 && !allowed.Contains(r)))
                {
                    using var client = await suite.SignedInAsync(role);
                    var wrongRole = await client.SendAsync(Request(method, path));
                    Assert.True(wrongRole.StatusCode == HttpStatusCode.Forbidden, $"{method.ToUpperInvariant()} {path} as {role}: {(int)wrongRole.StatusCode}");
                }

                checkedRoutes.Add($"{method} {template}");
            }
        }

        Assert.NotEmpty(checkedRoutes);
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
        if (method is "post" or "put" or "patch")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>Fills path parameters with values of the right shape (a GUID for uuids, a reference otherwise).</summary>
    private static string Concrete(string template, JsonNode operation)
    {
        var path = template;
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            if (parameter!["in"]?.GetValue<string>() != "path")
            {
                continue;
            }

            var name = parameter["name"]!.GetValue<string>();
            var value = parameter["schema"]?["format"]?.GetValue<string>() == "uuid" ? Guid.NewGuid().ToString() : "SP-2345-6789";
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }
}
