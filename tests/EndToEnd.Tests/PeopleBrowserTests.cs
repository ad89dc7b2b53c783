using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// A manager in a real browser, through the gateway: finds a person by a misspelt name, opens their
/// record, merges a second record of the same person and undoes it; the public pages every footer links
/// to. Every page checked with axe.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class PeopleBrowserTests(SuiteFixture suite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_manager_finds_a_person_by_a_misspelt_name_and_merges_their_two_records_then_undoes_it()
    {
        await ReferAsync("LS1 4AP");
        await ReferAsync("LS6 3HN");
        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);

        await page.GotoAsync("/people");
        await BrowserFixture.SignInAsync(page, "manager", landing: "/people");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Name, reference, NHS number or postcode").FillAsync("perpetua quenbymarch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        Assert.Equal("2 people found", await page.Locator("#results").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Locator("table tbody tr", new() { HasText = "LS1 4AP" }).GetByRole(AriaRole.Link, new() { Name = "Perpetua Quenby-Marsh" }).ClickAsync();
        Assert.StartsWith("Perpetua Quenby-Marsh", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Merge into this record" }).First.ClickAsync();
        Assert.Equal("The other record was merged into this one.", (await page.Locator("[role=status]").InnerTextAsync()).Replace("Information: ", "", StringComparison.Ordinal).Trim());
        Assert.Equal(2, await page.Locator("h2:has-text('Referrals') + ul li").CountAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo this merge" }).ClickAsync();
        Assert.Contains("The merge was undone", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("h2:has-text('Referrals') + ul li").CountAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        // Rectification: a wrong phone number is refused accessibly, the right one saved and kept in the history.
        await page.GetByRole(AriaRole.Link, new() { Name = "Correct details or consent" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Phone number (optional)").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        Assert.Contains("Enter a UK phone number", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Phone number (optional)").FillAsync("0113 496 0003");
        await page.GetByLabel("Why (optional)").FillAsync("She gave a new number");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        Assert.Contains("Their record was updated", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("01134960003", await page.Locator("h2:has-text('History') + ul").InnerTextAsync(), StringComparison.Ordinal);

        // Subject access: start an export, wait for every service's part, download each format once.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start an export" }).ClickAsync();
        Assert.Contains("The export has started", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await SuiteFixture.Eventually(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("#exports ~ table tbody tr").First.Locator(".nhsuk-tag").InnerTextAsync() == "ready";
        }, TimeSpan.FromSeconds(90));
        await BrowserFixture.AssertAccessibleAsync(page);
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "JSON file" }).ClickAsync());
        var document = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync((await json.PathAsync())!))!;
        Assert.Equal("Quenby-Marsh", document["services"]!["referral-intake"]!["people"]![0]!["familyName"]!.GetValue<string>());
        var printable = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Printable page" }).ClickAsync());
        Assert.Contains("<h2>Referrals and your details</h2>", await File.ReadAllTextAsync((await printable.PathAsync())!), StringComparison.Ordinal);
        await page.ReloadAsync();
        Assert.Contains("JSON downloaded", await page.Locator("#exports ~ table tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);

        // Erasure: a reason and a confirmation are needed; then each service's confirmation shows.
        await page.GetByRole(AriaRole.Link, new() { Name = "Erase this person" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase this person" }).ClickAsync();
        Assert.Contains("Say why the person is being erased", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Why is this person being erased?").FillAsync("Their written request of 3 December 2026");
        await page.GetByLabel("I understand this person's records will be gone for good").CheckAsync();
        // The form's answer is a new page (the erasure's): reload it only once the browser is on it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase this person" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.Contains("/erasure/", StringComparison.Ordinal));
        await SuiteFixture.Eventually(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("h1").InnerTextAsync() == "The person was erased";
        }, TimeSpan.FromSeconds(90));
        var confirmations = await page.Locator("table tbody tr").AllInnerTextsAsync();
        Assert.Equal(5, confirmations.Count);
        Assert.All(confirmations, row => Assert.DoesNotContain("Not yet", row, StringComparison.Ordinal));
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GotoAsync("/people?search=quenbymarsh");
        Assert.Equal("1 person found", await page.Locator("#results").InnerTextAsync());
    }

    [Fact]
    public async Task A_manager_sees_how_long_each_service_keeps_records_and_what_its_daily_run_removed()
    {
        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await page.GotoAsync("/people");
        await BrowserFixture.SignInAsync(page, "manager", landing: "/people");

        await page.GetByRole(AriaRole.Link, new() { Name = "How long records are kept, and what was last removed" }).ClickAsync();

        Assert.Equal("How long records are kept", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(["Referral Intake", "Case Management", "Wellbeing Metrics", "Service Directory", "Notifications"], await page.Locator("main h2").AllInnerTextsAsync());
        Assert.Equal(0, await page.Locator("main .nhsuk-warning-callout").CountAsync());
        Assert.Contains("Retention:ClosedCases", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        // Each service's first run is a few seconds after it started here; its counts reach the page and the dashboard.
        await SuiteFixture.Eventually(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("caption", new() { HasText = "Last runs of" }).CountAsync() == 5;
        }, TimeSpan.FromSeconds(60));
        await BrowserFixture.AssertAccessibleAsync(page);
        await SuiteFixture.Eventually(() => Task.FromResult(suite.Telemetry.Everything().Contains("retention.records.removed", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("/privacy", "Privacy notice")]
    [InlineData("/accessibility", "Accessibility statement for the social prescribing service")]
    [InlineData("/cookies", "Cookies")]
    public async Task The_privacy_notice_accessibility_statement_and_cookies_page_are_linked_from_the_footer(string path, string heading)
    {
        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await page.GotoAsync("/refer");

        await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = heading == "Privacy notice" ? "Privacy" : heading == "Cookies" ? "Cookies" : "Accessibility statement" }).ClickAsync();

        Assert.Equal(path, new Uri(page.Url).AbsolutePath);
        Assert.Equal(heading, await page.Locator("h1").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    private async Task ReferAsync(string postcode)
    {
        var body = SuiteFixture.SelfReferral("Perpetua", "Quenby-Marsh");
        body["person"]!["postcode"] = postcode;
        var response = await suite.Gateway.PostAsJsonAsync("/api/referrals", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }
}
