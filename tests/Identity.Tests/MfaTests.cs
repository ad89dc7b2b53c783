using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using SocialPrescribing.Identity.Infrastructure;
using SocialPrescribing.Identity.Model;

namespace SocialPrescribing.Identity.Tests;

/// <summary>
/// Multi-factor sign-in (ASVS 2.7, 2.8): enrolment with an authenticator app, a code at sign-in that works
/// once and only in its time, recovery codes, the throttle counting wrong codes, and Identity:RequireMfa.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed partial class MfaTests(IdentityFactory factory)
{
    [Fact]
    public async Task Staff_enrol_an_authenticator_app_then_sign_in_with_a_code_that_works_once_and_only_in_its_time()
    {
        var username = await factory.CreateUserAsync();
        var (key, step, recoveryCodes) = await EnrolAsync(username);
        Assert.Equal(10, recoveryCodes.Count);

        var browser = factory.Browser(IdentityFactory.NewAddress());
        var password = await IdentityFactory.SignInFormAsync(browser, username, IdentityFactory.RightPassword, "/caseworker");
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/login-code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(HasIdentityCookie(password), "a password alone must not sign in an account with a second factor");

        var codePage = password.Headers.Location!.OriginalString;
        var replayed = await PostCodeAsync(browser, Code(key, step), codePage: codePage);
        var expired = await PostCodeAsync(browser, Code(key, CurrentStep() - 2), codePage: codePage);
        var fresh = await PostCodeAsync(browser, Code(key, Math.Max(step, CurrentStep()) + 1), codePage: codePage);

        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("each works once", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal("/caseworker", fresh.Headers.Location!.OriginalString);
        Assert.True(HasIdentityCookie(fresh));
    }

    [Fact]
    public async Task Wrong_codes_are_counted_by_the_throttle_like_wrong_passwords()
    {
        var username = await factory.CreateUserAsync();
        var (key, step, _) = await EnrolAsync(username);
        var browser = factory.Browser(IdentityFactory.NewAddress());
        await IdentityFactory.SignInFormAsync(browser, username, IdentityFactory.RightPassword);

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < SignInThrottle.FreeAccountFailures; i++)
        {
            wrong.Add((await PostCodeAsync(browser, "000000" == Code(key, CurrentStep()) ? "111111" : "000000")).StatusCode);
        }

        var right = await PostCodeAsync(browser, Code(key, Math.Max(step, CurrentStep()) + 1));

        Assert.All(wrong, status => Assert.Equal(HttpStatusCode.BadRequest, status));
        Assert.Equal((HttpStatusCode)429, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var username = await factory.CreateUserAsync();
        var (_, _, recoveryCodes) = await EnrolAsync(username);

        var first = factory.Browser(IdentityFactory.NewAddress());
        await IdentityFactory.SignInFormAsync(first, username, IdentityFactory.RightPassword);
        var used = await PostCodeAsync(first, recoveryCodes[0], recovery: true);
        var second = factory.Browser(IdentityFactory.NewAddress());
        await IdentityFactory.SignInFormAsync(second, username, IdentityFactory.RightPassword);
        var again = await PostCodeAsync(second, recoveryCodes[0], recovery: true);

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task The_password_grant_is_refused_for_an_account_with_a_second_factor()
    {
        var username = await factory.CreateUserAsync();
        await EnrolAsync(username);

        var (response, body) = await factory.PasswordGrantFromAsync(IdentityFactory.NewAddress(), username, IdentityFactory.RightPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("second factor", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_code_page_without_a_password_first_goes_back_to_sign_in()
    {
        var browser = factory.Browser(IdentityFactory.NewAddress());

        var response = await browser.GetAsync("/account/login-code");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_a_role_requires_it_a_password_only_session_gets_no_token_until_a_second_factor_is_set_up()
    {
        using var requiring = factory.WithWebHostBuilder(web => web.UseSetting(MfaRequirement.Setting, "manager"));
        var manager = await factory.CreateUserAsync("manager");
        var linkWorker = await factory.CreateUserAsync("linkworker");
        var browser = requiring.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", IdentityFactory.NewAddress());

        var signedIn = await IdentityFactory.SignInFormAsync(browser, manager, IdentityFactory.RightPassword);
        var authorize = await browser.GetAsync(AuthorizeRequest);
        var grant = await PasswordGrantAsync(requiring, manager);
        var otherRole = await PasswordGrantAsync(requiring, linkWorker);

        Assert.StartsWith("/account/mfa", signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.StartsWith("/account/mfa?ReturnUrl=%2Fconnect%2Fauthorize", authorize.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherRole.StatusCode);

        // Set up on the page it was sent to, the same session now gets its authorization code.
        var page = await browser.GetStringAsync("/account/mfa");
        var key = KeyPattern().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var enrolled = await IdentityFactory.PostFormAsync(browser, "/account/mfa", "/account/mfa?handler=Enrol",
            new() { ["Code"] = Code(key, CurrentStep()) });
        var afterwards = await browser.GetAsync(AuthorizeRequest);

        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("http://localhost:8080/signin-oidc?code=", afterwards.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_managers_and_admins_need_a_second_factor_unless_set_otherwise()
    {
        var production = new HostingEnvironment { EnvironmentName = Environments.Production };
        var development = new HostingEnvironment { EnvironmentName = Environments.Development };

        var byDefault = MfaRequirement.From(Settings(null), production);
        var inDevelopment = MfaRequirement.From(Settings(null), development);

        Assert.True(byDefault.IsRequiredFor(["manager"]));
        Assert.True(byDefault.IsRequiredFor(["admin"]));
        Assert.True(byDefault.IsRequiredFor(["safeguarding"]));
        Assert.False(byDefault.IsRequiredFor(["linkworker"]));
        Assert.False(inDevelopment.IsRequiredFor(["admin"]));
        Assert.True(MfaRequirement.From(Settings("all"), development).IsRequiredFor(["callhandler"]));
        Assert.False(MfaRequirement.From(Settings("none"), production).IsRequiredFor(["admin"]));
        Assert.True(MfaRequirement.From(Settings("linkworker, provider"), production).IsRequiredFor(["provider"]));
        var refused = Assert.Throws<InvalidOperationException>(() => MfaRequirement.From(Settings("managers"), production));
        Assert.Contains(MfaRequirement.Setting, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    // RFC 6238 appendix B (SHA-1 key "12345678901234567890"), the last 6 of the 8 digits.
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Codes_are_the_ones_an_authenticator_app_shows(long unixSeconds, string expected) =>
        Assert.Equal(expected, OneUseAuthenticatorCodes.Code("12345678901234567890"u8.ToArray(), unixSeconds / 30));

    [Fact]
    public void Keys_are_read_as_authenticator_apps_read_them() =>
        Assert.Equal("12345678901234567890"u8.ToArray(), Base32.Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));

    private const string AuthorizeRequest =
        "/connect/authorize?client_id=gateway&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fsignin-oidc&response_type=code" +
        "&scope=openid&state=s1&nonce=n1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    /// <summary>Signs <paramref name="username"/> in with a password, sets up an authenticator app, returns its key and recovery codes.</summary>
    private async Task<(string Key, long Step, List<string> RecoveryCodes)> EnrolAsync(string username)
    {
        var browser = factory.Browser(IdentityFactory.NewAddress());
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityFactory.SignInFormAsync(browser, username, IdentityFactory.RightPassword)).StatusCode);
        var page = await browser.GetStringAsync("/account/mfa");
        Assert.Contains("src=\"data:image/png;base64,", page, StringComparison.Ordinal);
        var key = KeyPattern().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var step = CurrentStep();

        var enrolled = await IdentityFactory.PostFormAsync(browser, "/account/mfa", "/account/mfa?handler=Enrol", new() { ["Code"] = Code(key, step) });

        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var html = await enrolled.Content.ReadAsStringAsync();
        Assert.Contains("Your authenticator app is set up", html, StringComparison.Ordinal);
        var codes = RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        return (key, step, codes);
    }

    /// <summary>Posts the code form as the page at <paramref name="codePage"/> (where the password step sent the browser) would.</summary>
    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient browser, string code, bool recovery = false, string? codePage = null)
    {
        var path = codePage ?? "/account/login-code" + (recovery ? "?UseRecoveryCode=true" : "");
        return await IdentityFactory.PostFormAsync(browser, path, path, new()
        {
            [recovery ? "RecoveryCode" : "Code"] = code,
            ["UseRecoveryCode"] = recovery ? "true" : "false",
        });
    }

    private static async Task<HttpResponseMessage> PasswordGrantAsync(WebApplicationFactory<Program> identity, string username)
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", IdentityFactory.NewAddress());
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "sp-cli", ["username"] = username,
            ["password"] = IdentityFactory.RightPassword, ["scope"] = "openid api",
        }));
    }

    private static bool HasIdentityCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("sp.identity=", StringComparison.Ordinal));

    private static long CurrentStep() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    private static string Code(string key, long step) => OneUseAuthenticatorCodes.Code(Base32.Decode(key), step);

    private static IConfiguration Settings(string? requireMfa) => new ConfigurationBuilder()
        .AddInMemoryCollection(requireMfa is null ? [] : [new(MfaRequirement.Setting, requireMfa)])
        .Build();

    [GeneratedRegex("<code id=\"mfa-key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodePattern();
}
