using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// One headless Chromium for a test class, driven by Playwright. Uses the machine's Chromium
/// (<c>/usr/bin/chromium</c>, or <c>CHROMIUM_PATH</c>); ./test.sh installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium is not at {executable}: run ./test.sh (it installs it) or set CHROMIUM_PATH.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A page in a fresh browser context (its own cookies: its own session) on the gateway.</summary>
    public async Task<IPage> NewPageAsync(Uri gateway)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = gateway.ToString() });
        return await context.NewPageAsync();
    }

    /// <summary>Fills the sign-in page and waits for the screen it returns to; returns that screen's response.</summary>
    public static async Task<IResponse?> SignInAsync(IPage page, string username, string landing = "/caseworker")
    {
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync("Dev-Passw0rd!");
        return await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
            response => new Uri(response.Url).AbsolutePath == landing && response.Request.IsNavigationRequest);
    }

    /// <summary>Fails with every axe-core violation on the page, of any impact.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var violations = string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        Assert.True(result.Violations.Length == 0, $"{page.Url}: {violations}");
    }
}
