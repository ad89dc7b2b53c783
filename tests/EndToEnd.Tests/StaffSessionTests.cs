using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>Staff in a browser: sign in through the gateway (OIDC code flow with the Identity service), then use the suite.</summary>
[Collection(SuiteCollection.Name)]
public sealed partial class StaffSessionTests(SuiteFixture suite)
{
    [Fact]
    public async Task A_link_worker_signs_in_in_the_browser_and_sees_cases()
    {
        using var browser = NewBrowser(out _);

        await SignInAsync(browser, "linkworker");
        var cases = await browser.GetAsync("/api/cases");

        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        Assert.NotNull(JsonNode.Parse(await cases.Content.ReadAsStringAsync())!["items"]);
    }

    [Fact]
    public async Task A_call_handler_signed_in_in_the_browser_cannot_see_cases()
    {
        using var browser = NewBrowser(out _);

        await SignInAsync(browser, "callhandler");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/cases")).StatusCode);
    }

    [Fact]
    public async Task Staff_screens_send_people_who_are_not_signed_in_to_the_sign_in_page()
    {
        using var browser = NewBrowser(out _);

        var response = await browser.GetAsync("/caseworker");

        Assert.Equal("/account/login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("<h1>Sign in</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_staff_session_ends_the_person_signs_in_again_whatever_sign_in_the_identity_service_still_holds()
    {
        using var browser = NewBrowser(out var cookies);
        await SignInAsync(browser, "linkworker");
        var identityCookies = cookies.GetAllCookies().Where(c => c.Name.StartsWith("sp.identity", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(identityCookies);

        // The gateway's session has ended (idle, absolute or the browser closed); the Identity service's cookie is kept.
        using var later = NewBrowser(out var laterCookies);
        foreach (var cookie in identityCookies)
        {
            laterCookies.Add(cookie);
        }

        var response = await later.GetAsync("/caseworker");

        Assert.Equal("/account/login", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_ends_the_staff_session_and_the_identity_sign_in()
    {
        using var browser = NewBrowser(out _);
        await SignInAsync(browser, "linkworker");
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/signout");
        signOut.Headers.Add("Sec-Fetch-Site", "same-origin");

        await browser.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/cases")).StatusCode);
        Assert.Equal("/account/login", (await browser.GetAsync("/caseworker")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Origin", "https://evil.example")]
    public async Task Another_site_cannot_sign_staff_out(string header, string value)
    {
        using var browser = NewBrowser(out _);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signout");
        request.Headers.Add(header, value);

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private HttpClient NewBrowser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true };
        return new HttpClient(handler) { BaseAddress = suite.Gateway.BaseAddress };
    }

    /// <summary>Opens a staff screen, is sent to sign in, signs in, and comes back with a session.</summary>
    private static async Task SignInAsync(HttpClient browser, string username)
    {
        var loginPage = await browser.GetAsync("/caseworker");
        var html = await loginPage.Content.ReadAsStringAsync();
        Assert.Equal("/account/login", loginPage.RequestMessage!.RequestUri!.AbsolutePath);

        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(html),
            ["ReturnUrl"] = WebUtility.HtmlDecode(ReturnUrl().Match(html).Groups[1].Value),
            ["Username"] = username,
            ["Password"] = "Dev-Passw0rd!",
        };
        var afterSignIn = await browser.PostAsync(loginPage.RequestMessage.RequestUri, new FormUrlEncodedContent(form));

        // Back through /connect/authorize and /signin-oidc to the screen first asked for.
        var landed = afterSignIn.RequestMessage!.RequestUri!;
        Assert.True(landed.AbsolutePath == "/caseworker",
            $"ended at {landed} with {(int)afterSignIn.StatusCode}: {(await afterSignIn.Content.ReadAsStringAsync())[..Math.Min(600, (int)(afterSignIn.Content.Headers.ContentLength ?? 600))]}");
    }


    [GeneratedRegex("name=\"ReturnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();
}
