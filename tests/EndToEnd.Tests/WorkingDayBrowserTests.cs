using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>The working day in a real browser: staff move between their screens through the header alone.</summary>
[Collection(SuiteCollection.Name)]
public sealed class WorkingDayBrowserTests(SuiteFixture suite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_link_worker_moves_between_caseload_diary_a_case_and_the_directory_through_the_header_alone()
    {
        var referral = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Nadia", "Navigate"));
        var reference = (await referral.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(30));
        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await page.GotoAsync("/caseworker");
        await BrowserFixture.SignInAsync(page, "linkworker");
        var header = page.Locator("#staff-navigation");

        Assert.Equal("page", await header.GetByRole(AriaRole.Link, new() { Name = "Caseload" }).GetAttributeAsync("aria-current"));
        await BrowserFixture.AssertAccessibleAsync(page);

        await header.GetByRole(AriaRole.Link, new() { Name = "Diary" }).ClickAsync();
        Assert.Equal("/caseworker/diary", new Uri(page.Url).AbsolutePath);
        Assert.Equal("My diary", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("page", await header.GetByRole(AriaRole.Link, new() { Name = "Diary" }).GetAttributeAsync("aria-current"));
        await BrowserFixture.AssertAccessibleAsync(page);

        await header.GetByRole(AriaRole.Link, new() { Name = "Caseload" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "My team's cases" }).ClickAsync();
        await page.Locator("table tbody tr", new() { HasText = reference }).GetByRole(AriaRole.Link).First.ClickAsync();
        Assert.StartsWith("/caseworker/cases/", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("Caseload", (await page.Locator(".nhsuk-breadcrumb").InnerTextAsync()).Trim());
        Assert.Equal("page", await header.GetByRole(AriaRole.Link, new() { Name = "Caseload" }).GetAttributeAsync("aria-current"));

        await header.GetByRole(AriaRole.Link, new() { Name = "Directory", Exact = true }).ClickAsync();
        Assert.Equal("/directory", new Uri(page.Url).AbsolutePath);
        Assert.Equal("page", await header.GetByRole(AriaRole.Link, new() { Name = "Directory", Exact = true }).GetAttributeAsync("aria-current"));
        await BrowserFixture.AssertAccessibleAsync(page);

        await header.GetByRole(AriaRole.Link, new() { Name = "Diary" }).ClickAsync();
        Assert.Equal("/caseworker/diary", new Uri(page.Url).AbsolutePath);
        // The header lists, in order, the screens a link worker may use.
        Assert.Equal(["Caseload", "Diary", "People", "Directory", "Safeguarding"], (await header.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim()));
    }

    [Fact]
    public async Task A_manager_opens_the_team_view_from_the_header()
    {
        var referral = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Tomos", "Teamview"));
        var reference = (await referral.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(30));
        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await page.GotoAsync("/caseworker");
        await BrowserFixture.SignInAsync(page, "manager");

        await page.Locator("#staff-navigation").GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();

        Assert.Equal("/caseworker/team", new Uri(page.Url).AbsolutePath);
        Assert.Equal("How the team is doing", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("#team-figures tbody tr", new() { HasText = "Team north" }).CountAsync() == 1);
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).CountAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
