using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SocialPrescribing.Gateway.Tests;

/// <summary>
/// The gateway's answers: never kept by a browser or proxy (Cache-Control: no-store) unless a static file,
/// and an API call that changes state signed in only by the staff session cookie needs a custom header
/// (another site can make a browser send the cookie, not add a header).
/// </summary>
public sealed class EdgeHeadersTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _gateway = new();

    [Theory]
    [InlineData("POST", "/api/cases/0190a000-0000-7000-8000-000000000001/steps")]
    [InlineData("PUT", "/api/cases/0190a000-0000-7000-8000-000000000001/what-matters")]
    [InlineData("POST", "/api/wellbeing/assessments")]
    [InlineData("PATCH", "/api/people/0190a000-0000-7000-8000-000000000001")]
    [InlineData("DELETE", "/api/directory/services/0190a000-0000-7000-8000-000000000001")]
    public async Task A_state_changing_api_call_signed_in_by_the_session_cookie_alone_is_refused(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { to = "Declined" }) };
        request.Headers.Add("Cookie", "sp.session=anything");

        var response = await Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Requested-With", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Requested-With", "fetch")]
    [InlineData("Authorization", "Bearer some-token")]
    public async Task With_the_header_or_a_bearer_token_the_call_goes_on_to_the_service(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases/0190a000-0000-7000-8000-000000000001/steps") { Content = JsonContent.Create(new { to = "Declined" }) };
        request.Headers.Add("Cookie", "sp.session=anything");
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await Client().SendAsync(request);

        // Passed on to the proxy (no service runs here, so it cannot be reached): not the gateway's refusal.
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_self_referral_without_a_session_needs_no_header()
    {
        var response = await Client().PostAsJsonAsync("/api/referrals", new { channel = "self" });

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/referrals/SP-2345-6789/status?dateOfBirth=1990-12-10")]
    [InlineData("/refer")]
    public async Task Answers_that_may_carry_personal_data_are_never_stored(string path)
    {
        var response = await Client().GetAsync(path);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
    }

    [Fact]
    public async Task The_frontends_static_files_may_be_kept()
    {
        var response = await Client().GetAsync("/assets/images/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    public void Dispose() => _gateway.Dispose();

    private HttpClient Client() => _gateway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
