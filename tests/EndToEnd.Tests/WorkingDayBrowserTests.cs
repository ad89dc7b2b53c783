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

    [Fact]
    public async Task A_provider_changes_opening_times_and_pauses_referrals_then_a_link_workers_prescription_joins_the_waiting_list()
    {
        // A service of the provider's own organisation other than the one the journey tests refer to (they need it open).
        using var providerApi = await suite.SignedInAsync("provider");
        var shared = await suite.ProviderServiceAsync();
        var organisation = SuiteFixture.ClaimOf(providerApi, "organization");
        var all = await suite.Gateway.GetFromJsonAsync<JsonObject>("/api/directory/services?per_page=200");
        var chosen = all!["contents"]!.AsArray().Last(s => s!["organization"]!["id"]!.GetValue<string>() == organisation
            && s["capacity"]!["available"]!.GetValue<int>() > 0 && s["id"]!.GetValue<Guid>() != shared.Id)!;
        var (serviceId, serviceName) = (chosen["id"]!.GetValue<Guid>(), chosen["name"]!.GetValue<string>());
        var referral = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Ffion", "Waitlist"));
        var reference = (await referral.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        var caseId = (await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(30)))["id"]!.GetValue<Guid>();
        try
        {
            // The provider finds their services from the header, changes the times, then pauses new referrals.
            var provider = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
            await provider.GotoAsync("/provider");
            await BrowserFixture.SignInAsync(provider, "provider", landing: "/provider");
            await provider.Locator("#staff-navigation").GetByRole(AriaRole.Link, new() { Name = "Your services" }).ClickAsync();
            Assert.Equal("/provider/services", new Uri(provider.Url).AbsolutePath);
            await BrowserFixture.AssertAccessibleAsync(provider);
            var card = provider.Locator("section.nhsuk-card", new() { Has = provider.GetByRole(AriaRole.Heading, new() { Name = serviceName, Exact = true }) });
            await card.GetByRole(AriaRole.Link, new() { Name = $"Change the details of {serviceName}" }).ClickAsync();
            await BrowserFixture.AssertAccessibleAsync(provider);
            await provider.Locator("#days-tu").CheckAsync();
            await provider.Locator("#opens-at").FillAsync("09:15");
            await provider.Locator("#closes-at").FillAsync("11:45");
            await provider.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            Assert.Contains($"{serviceName} saved in the directory.", await provider.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("09:15:00", (await suite.Gateway.GetFromJsonAsync<JsonObject>($"/api/directory/services/{serviceId}"))!["schedules"]![0]!["opens_at"]!.GetValue<string>());

            await card.Locator($"#paused-{serviceId}").CheckAsync();
            await card.GetByRole(AriaRole.Button, new() { Name = $"Save places for {serviceName}" }).ClickAsync();
            Assert.Contains("new referrals are paused", await provider.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Referrals paused", await card.InnerTextAsync(), StringComparison.Ordinal);
            await BrowserFixture.AssertAccessibleAsync(provider);

            // The link worker sees the pause when choosing, refers anyway, and the request joins the waiting list.
            var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
            await page.GotoAsync($"/caseworker/cases/{caseId}");
            await BrowserFixture.SignInAsync(page, "linkworker", landing: $"/caseworker/cases/{caseId}");
            await page.GotoAsync($"/caseworker/cases/{caseId}");
            await page.Locator("#search").FillAsync(serviceName);
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Search the directory") }).ClickAsync();
            var found = page.Locator("section.nhsuk-card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = serviceName, Exact = true }) });
            Assert.Contains("new referrals paused", await found.InnerTextAsync(), StringComparison.Ordinal);
            await found.Locator("summary").ClickAsync();
            await found.Locator($"#refer-{serviceId}-agreed").CheckAsync();
            await found.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
            Assert.Contains("The provider has been asked", await page.Locator("[role=status], [role=alert], .nhsuk-error-summary").First.InnerTextAsync(), StringComparison.Ordinal);
            await SuiteFixture.Eventually(async () =>
            {
                // (A page address differing only in its #fragment would not reload.)
                await page.GotoAsync($"/caseworker/cases/{caseId}");
                return await page.Locator("table", new() { HasText = "On the waiting list" }).CountAsync() > 0;
            }, TimeSpan.FromSeconds(30));
            Assert.Contains("in line for a place", await page.Locator("table", new() { HasText = "On the waiting list" }).InnerTextAsync(), StringComparison.Ordinal);
            await BrowserFixture.AssertAccessibleAsync(page);

            // The provider sees the person on their waiting list.
            await provider.GotoAsync("/provider?status=waiting");
            var waiting = provider.Locator("section.nhsuk-card", new() { HasText = reference });
            Assert.Contains("on the waiting list, number", await waiting.InnerTextAsync(), StringComparison.Ordinal);
            await BrowserFixture.AssertAccessibleAsync(provider);
        }
        finally
        {
            // Open again for the other tests (the person waiting is offered the place).
            await providerApi.PutAsJsonAsync($"/api/directory/services/{serviceId}/capacity", new
            {
                maximum = chosen["capacity"]!["maximum"]!.GetValue<int>(), available = chosen["capacity"]!["available"]!.GetValue<int>(), paused = false,
            });
        }
    }
}
