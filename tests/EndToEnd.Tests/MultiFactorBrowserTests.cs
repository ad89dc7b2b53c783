using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Playwright;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// Multi-factor sign-in in a real browser through the gateway: a member of staff sets up an authenticator
/// app from the QR page, then signs in with a password and a code; and adds a passkey (Chromium's virtual
/// authenticator standing in for the device) and signs in with it. Every page is checked with axe.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class MultiFactorBrowserTests(SuiteFixture suite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // A provider of the second organisation: a new link worker would join the roster and take other tests' cases.
    private const string Like = "provider2";
    private const string Screen = "/provider";

    [Fact]
    public async Task Staff_set_up_an_authenticator_app_then_sign_in_with_a_password_and_a_code()
    {
        var username = await suite.CreateStaffLikeAsync(Like);
        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await page.GotoAsync(Screen);
        await BrowserFixture.SignInAsync(page, username, Screen);

        await page.GotoAsync("/account/mfa");
        Assert.Equal("Multi-factor sign-in", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator("#mfa-qr").IsVisibleAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        var key = (await page.Locator("#mfa-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        var step = CurrentStep();
        await page.Locator("#code").FillAsync(Code(key, step));
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up" }).ClickAsync();

        Assert.Contains("Your authenticator app is set up", await page.Locator("#mfa-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(10, await page.Locator("#recovery-codes li").CountAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync(Screen);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GotoAsync(Screen);
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync("Dev-Passw0rd!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login-code");
        await BrowserFixture.AssertAccessibleAsync(page);

        // The code used to set up is spent: refused, with an accessible error.
        await page.Locator("#code").FillAsync(Code(key, step));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains("There is a problem", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.Locator("#code").FillAsync(Code(key, Math.Max(step, CurrentStep()) + 1));
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync(),
            response => new Uri(response.Url).AbsolutePath == Screen && response.Request.IsNavigationRequest);

        Assert.Equal(Screen, new Uri(page.Url).AbsolutePath);
        Assert.Contains($"Signed in as {username}", await page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_add_a_passkey_and_sign_in_with_it_alone()
    {
        var username = await suite.CreateStaffLikeAsync(Like);
        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        // Chromium's virtual authenticator: a platform passkey that verifies the person (as a fingerprint would).
        var devtools = await page.Context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable");
        await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        await page.GotoAsync(Screen);
        await BrowserFixture.SignInAsync(page, username, Screen);

        await page.GotoAsync("/account/mfa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        // On failure, say what the page and the browser said (the device's refusal is logged to the console).
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        try
        {
            await page.Locator("#mfa-done").WaitForAsync(new() { Timeout = 15000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{page.Url}\n{string.Join("\n", console)}\n{await page.Locator("main").InnerTextAsync()}");
        }

        Assert.Contains("Your passkey is added", await page.Locator("#mfa-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#passkeys li").CountAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync(Screen);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GotoAsync(Screen);
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync(),
            response => new Uri(response.Url).AbsolutePath == Screen && response.Request.IsNavigationRequest);

        Assert.Contains($"Signed in as {username}", await page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static long CurrentStep() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    /// <summary>RFC 6238 as an authenticator app computes it (HMAC-SHA1, 6 digits), written here apart from the product's.</summary>
    private static string Code(string base32Key, long step)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.ToUpperInvariant().TrimEnd('=')
            .Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0xf;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
