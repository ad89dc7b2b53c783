using System.Net;
using System.Text;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>What the gateway does for every caller: headers, body limit, rate limits.</summary>
[Collection(SuiteCollection.Name)]
public sealed class EdgeProtectionTests(SuiteFixture suite)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/refer")]
    [InlineData("/api/directory/services?per_page=1")]
    public async Task Responses_carry_security_headers(string path)
    {
        using var client = PlainClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        // One X-Frame-Options: the gateway's replaces the one a service's form page sends (antiforgery's SAMEORIGIN).
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Staff_api_answers_with_personal_data_are_never_stored()
    {
        var created = await suite.Gateway.PostAsync("/api/referrals", new StringContent(SuiteFixture.SelfReferral("Nora", "Store").ToJsonString(), Encoding.UTF8, "application/json"));
        var id = System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
        using var manager = await suite.SignedInAsync("manager");

        var response = await manager.GetAsync($"/api/referrals/{id}/person");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task An_address_refused_before_anything_else_runs_still_carries_the_security_headers()
    {
        using var client = PlainClient();

        // A NUL character is refused first of all, by the gateway itself.
        var response = await client.GetAsync("/api/directory/services?name=%00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/directory/services?per_page=1", true)]
    [InlineData("/api/directory/", true)]
    [InlineData("/api/referrals/SP-2345-6789/status?dateOfBirth=1990-01-01", false)]
    [InlineData("/api/cases", false)]
    [InlineData("/api/wellbeing/instruments", false)]
    [InlineData("/.well-known/openid-configuration", false)]
    [InlineData("/", false)]
    public async Task Only_the_open_directory_feed_allows_other_sites_to_read_it(string path, bool open)
    {
        using var client = PlainClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "https://another-council.example");

        var response = await client.SendAsync(request);

        Assert.Equal(open, response.Headers.Contains("Access-Control-Allow-Origin"));
        if (open)
        {
            Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        }
    }

    [Theory]
    [InlineData("/api/cases?step=", 'x')]
    [InlineData("/api/directory/services?search=", '\u001d')]
    public async Task An_address_up_to_8_KB_as_sent_reaches_the_service_and_a_longer_one_gets_a_414_problem(string start, char filler)
    {
        // Measured as sent: a control character travels as %1D, three bytes for one. Up to the limit the service answers
        // (a problem, never Kestrel's bare 414 for a line longer than its own default); past it the gateway refuses.
        var escaped = Uri.EscapeDataString(filler.ToString());
        var fits = start + string.Concat(Enumerable.Repeat(escaped, (8 * 1024 - start.Length) / escaped.Length));
        var within = await suite.LinkWorker.GetAsync(fits);
        Assert.True((int)within.StatusCode is >= 200 and < 500 and not 414, $"{(int)within.StatusCode} for an address of {fits.Length} bytes");
        if ((int)within.StatusCode >= 400)
        {
            Assert.Equal("application/problem+json", within.Content.Headers.ContentType?.MediaType);
        }

        var over = await suite.LinkWorker.GetAsync(fits + escaped + escaped);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, over.StatusCode);
        Assert.Equal("application/problem+json", over.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_64_KB_gets_413_at_the_gateway()
    {
        using var client = PlainClient();
        var body = "{\"padding\":\"" + new string('x', 70 * 1024) + "\"}";

        var response = await client.PostAsync("/api/referrals", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_fhir_referral_message_may_be_up_to_1_MB_and_a_larger_one_gets_413_at_the_gateway()
    {
        using var client = PlainClient();
        using var large = new StringContent("{\"padding\":\"" + new string('x', 200 * 1024) + "\"}", Encoding.UTF8, "application/fhir+json");
        using var tooLarge = new StringContent("{\"padding\":\"" + new string('x', 1100 * 1024) + "\"}", Encoding.UTF8, "application/fhir+json");

        // Past the gateway's size check: the service answers (no token here: 401), where any other route would say 413.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/referrals/fhir", large)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/api/referrals/fhir", tooLarge)).StatusCode);
    }

    [Fact]
    public async Task Guessing_references_is_stopped_with_429()
    {
        // Its own client address (as a trusted proxy in front would say), so other tests keep their allowance.
        using var client = PlainClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{Random.Shared.Next(1, 255)}");
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt < 15; attempt++)
        {
            statuses.Add((await client.GetAsync($"/api/referrals/SP-2345-67{attempt + 10}/status?dateOfBirth=1990-01-01")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var limited = await client.GetAsync("/api/referrals/SP-2345-6799/status?dateOfBirth=1990-01-01");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    // No resilience handler: it would retry a 429 and hide it.
    private HttpClient PlainClient() => new() { BaseAddress = suite.Gateway.BaseAddress };
}
