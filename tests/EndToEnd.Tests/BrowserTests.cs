using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// A real browser through the gateway: staff sign in on the Identity service's page and land on
/// their screen; every page checked is free of axe-core accessibility violations.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class BrowserTests(SuiteFixture suite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_newcomer_signs_in_as_linkworker_sees_the_teams_cases_and_signs_out()
    {
        var referral = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Newton", "Newcomer"));
        var reference = (await referral.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(30));
        var page = await NewPageAsync();

        await page.GotoAsync("/caseworker");
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await SignInAsync(page, "linkworker");

        Assert.Equal("/caseworker", new Uri(page.Url).AbsolutePath);
        Assert.Contains("Team north", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        // The new case is theirs, or waits for a link worker of the team.
        await page.GetByRole(AriaRole.Link, new() { Name = "My team's cases" }).ClickAsync();
        Assert.Equal(1, await page.Locator("table tbody tr", new() { HasText = reference }).CountAsync());
        Assert.Contains("Signed in as linkworker", await page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GotoAsync("/caseworker");
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_handler_is_told_they_cannot_see_cases()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/caseworker");

        var response = await SignInAsync(page, "callhandler");

        Assert.Equal(403, response?.Status);
        Assert.Equal("You cannot see cases", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(0, await page.Locator("table").CountAsync());
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_accessible_error_and_no_session()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/caseworker");

        await page.Locator("#username").FillAsync("linkworker");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("There is a problem", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_person_refers_themselves_then_checks_the_referral_all_in_the_browser(bool inCrisis)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/refer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        Assert.Contains("There is a problem", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await FillReferralAsync(page, inCrisis ? "Browser-Crisis" : "Browser", inCrisis);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        var reference = (await page.Locator("#reference").InnerTextAsync()).Trim();
        Assert.Matches("^SP-[2-9A-Z]{4}-[2-9A-Z]{4}$", reference);
        var main = await page.Locator("main").InnerTextAsync();
        if (inCrisis)
        {
            // Crisis routes come before anything else on the page.
            Assert.True(main.IndexOf("116 123", StringComparison.Ordinal) < main.IndexOf(reference, StringComparison.Ordinal), main);
            Assert.Contains("999", main, StringComparison.Ordinal);
            Assert.Contains("111", main, StringComparison.Ordinal);
        }

        await AssertAccessibleAsync(page);

        await page.GotoAsync("/referral-status");
        await page.Locator("#reference").FillAsync(reference.ToLowerInvariant());
        await page.Locator("#dob-day").FillAsync("3");
        await page.Locator("#dob-month").FillAsync("7");
        await page.Locator("#dob-year").FillAsync("1966");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check referral" }).ClickAsync();

        // Received, or already with the team's link worker (new cases go to the one with the fewest open cases).
        Assert.Contains((await page.Locator("#status").InnerTextAsync()).Trim(), new[] { "received", "with a link worker" });
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_person_finds_a_service_near_them_and_refers_themselves_to_it()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/directory");
        await AssertAccessibleAsync(page);

        await page.Locator("#need").SelectOptionAsync("physical-activity");
        await page.Locator("#postcode").FillAsync("LS6 3HN");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Matches(@"^\d+ services? found$", (await page.Locator("#results-heading").InnerTextAsync()).Trim());
        Assert.Contains("miles away", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await page.Locator(".nhsuk-card__link").First.ClickAsync();
        Assert.Contains("How to join", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Refer myself to this service" }).ClickAsync();
        Assert.Contains("You chose a service in the directory", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await FillReferralAsync(page, "Directory", inCrisis: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        var reference = (await page.Locator("#reference").InnerTextAsync()).Trim();
        var found = await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(30));
        Assert.Equal("check-in", Assert.Single(found["tasks"]!.AsArray())!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_provider_signs_in_and_accepts_a_referral_in_their_inbox()
    {
        var referral = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Ivy", "Inbox"));
        var reference = (await referral.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        var caseId = (await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(30)))["id"]!.GetValue<Guid>();
        using var provider = await suite.SignedInAsync("provider");
        var organisation = SuiteFixture.ClaimOf(provider, "organization");
        var services = await suite.Gateway.GetFromJsonAsync<JsonObject>("/api/directory/services?per_page=200");
        var serviceId = services!["contents"]!.AsArray().First(s => s!["organization"]!["id"]!.GetValue<string>() == organisation)!["id"]!.GetValue<Guid>();
        var prescribed = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new { serviceId, person = new { givenName = "Ivy" }, personAgreed = true });
        Assert.Equal(System.Net.HttpStatusCode.OK, prescribed.StatusCode);
        await SuiteFixture.Eventually(async () =>
            (await provider.GetFromJsonAsync<JsonObject>("/api/directory/referrals"))!["referrals"]!.AsArray().Any(r => r!["caseReference"]!.GetValue<string>() == reference),
            TimeSpan.FromSeconds(30));
        var page = await NewPageAsync();

        await page.GotoAsync("/provider");
        await SignInAsync(page, "provider", landing: "/provider");

        Assert.Equal("Referrals to your services", (await page.Locator("h1").InnerTextAsync()).Trim());
        await AssertAccessibleAsync(page);
        var card = page.Locator("section.nhsuk-card", new() { HasText = reference });
        await card.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        Assert.Contains("There is a problem", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await page.Locator("section.nhsuk-card", new() { HasText = reference }).GetByRole(AriaRole.Button, new() { Name = "Accept Ivy" }).ClickAsync();
        Assert.Contains("accepted", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await SuiteFixture.Eventually(async () =>
            (await suite.LinkWorker.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["prescriptions"]![0]!["status"]!.GetValue<string>() == "accepted",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_admin_adds_a_service_with_the_form_after_fixing_a_mistake()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/admin/directory/services");
        await SignInAsync(page, "admin", landing: "/admin/directory/services");

        Assert.Equal("Add a service", (await page.Locator("h1").InnerTextAsync()).Trim());
        await AssertAccessibleAsync(page);
        await page.Locator("#name").FillAsync("Browser test knit and natter");
        await page.Locator("#organization").SelectOptionAsync(new SelectOptionValue { Label = "Leeds Community Connect" });
        await page.Locator("#needs").CheckAsync();
        await page.Locator("#places").FillAsync("10");
        await page.Locator("#opens-at").FillAsync("13:00");
        await page.Locator("#closes-at").FillAsync("15:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the service" }).ClickAsync();
        Assert.Contains("Choose the days the service meets", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Thursday").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the service" }).ClickAsync();

        Assert.Contains("Browser test knit and natter added to the directory.", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/admin/directory?q=knit");
        Assert.Equal("Keep the directory", (await page.Locator("h1").InnerTextAsync()).Trim());
        await AssertAccessibleAsync(page);
        await page.GotoAsync("/admin/directory/import");
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_call_handler_takes_a_phone_referral_and_reads_the_reference_back()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/intake");
        await SignInAsync(page, "callhandler", landing: "/intake");
        Assert.Contains("What is your first name?", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await FillReferralAsync(page, "Phone-Caller", inCrisis: false);
        await page.Locator("#caller-confirmed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        Assert.Equal("/intake/confirmation", new Uri(page.Url).AbsolutePath);
        Assert.Matches("^SP-[2-9A-Z]{4}-[2-9A-Z]{4}$", (await page.Locator("#reference").InnerTextAsync()).Trim());
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_professional_refers_someone_they_work_with_and_sees_the_reference()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/refer/professional");
        await SignInAsync(page, "professional", landing: "/refer/professional");
        Assert.Equal("Dr Priya Professional", await page.Locator("#referrer-name").InputValueAsync());
        await AssertAccessibleAsync(page);

        await page.Locator("#referrer-role").FillAsync("GP");
        await page.Locator("#referrer-organisation").FillAsync("Hyde Park Surgery");
        await FillReferralAsync(page, "Referred-By-Gp", inCrisis: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        Assert.Equal("/refer/professional/confirmation", new Uri(page.Url).AbsolutePath);
        var reference = (await page.Locator("#reference").InnerTextAsync()).Trim();
        Assert.Matches("^SP-[2-9A-Z]{4}-[2-9A-Z]{4}$", reference);
        await AssertAccessibleAsync(page);
        var found = await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(30));
        Assert.Equal("professional", found["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_person_completes_a_questionnaire_from_a_one_time_link_and_the_link_worker_sees_the_change()
    {
        var referral = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Wendy", "Wellbeing"));
        var reference = (await referral.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        var caseId = (await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(30)))["id"]!.GetValue<Guid>();
        // Wellbeing learns of the case from Case Management's CaseOpened event.
        HttpResponseMessage? baseline = null;
        await SuiteFixture.Eventually(async () =>
        {
            baseline = await suite.LinkWorker.PostAsJsonAsync("/api/wellbeing/assessments", new
            {
                caseId, instrument = "swemwbs", timepoint = "baseline", mode = "faceToFace",
                responses = new[] { 3, 3, 3, 3, 3, 3, 3 }, completedOn = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd"),
            });
            return baseline.StatusCode == System.Net.HttpStatusCode.Created;
        }, TimeSpan.FromSeconds(30));
        var link = await (await suite.LinkWorker.PostAsJsonAsync($"/api/wellbeing/cases/{caseId}/links", new { instrument = "swemwbs", timepoint = "followup" }))
            .Content.ReadFromJsonAsync<JsonObject>();

        var page = await NewPageAsync();
        await page.GotoAsync(link!["path"]!.GetValue<string>());
        Assert.Contains("Short Warwick-Edinburgh", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await page.Locator("#q-optimistic-4").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        Assert.Contains("Choose an answer for question 2", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        foreach (var key in new[] { "useful", "relaxed", "dealing-with-problems" })
        {
            await page.Locator($"#q-{key}-4").CheckAsync();
        }

        foreach (var key in new[] { "thinking-clearly", "close-to-others", "own-mind" })
        {
            await page.Locator($"#q-{key}-3").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        Assert.Contains("Thank you", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        // Case Management hears of both scores (WellbeingRecorded) and shows them on the case.
        await SuiteFixture.Eventually(async () =>
            (await suite.LinkWorker.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["scores"]!.AsArray().Count == 2, TimeSpan.FromSeconds(30));
        var summary = await suite.LinkWorker.GetFromJsonAsync<JsonObject>($"/api/wellbeing/cases/{caseId}");
        var swemwbs = summary!["instruments"]![0]!;
        Assert.Equal(3.10m, swemwbs["change"]!.GetValue<decimal>());
        Assert.Equal("reliable", swemwbs["changeSize"]!.GetValue<string>());
        Assert.Equal("online", summary["assessments"]![1]!["mode"]!.GetValue<string>());

        var staff = await NewPageAsync();
        await staff.GotoAsync($"/wellbeing/cases/{caseId}");
        await SignInAsync(staff, "linkworker", landing: $"/wellbeing/cases/{caseId}");
        Assert.Contains("this is a real improvement", await staff.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(staff);
    }

    [Fact]
    public async Task A_manager_reads_the_outcome_report_and_downloads_the_csv()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/reports");
        await SignInAsync(page, "manager", landing: "/reports");

        Assert.Equal("Outcome report", (await page.Locator("h1").InnerTextAsync()).Trim());
        await AssertAccessibleAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("Download these outcomes as CSV").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("from,to,groupBy,group,instrument,measure,people", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        await page.Locator("#from").FillAsync("not a date");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        Assert.Contains("YYYY-MM-DD", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData("/referral-status")]
    [InlineData("/")]
    [InlineData("/refer")]
    [InlineData("/account/login")]
    [InlineData("/directory")]
    [InlineData("/directory?need=loneliness&postcode=LS1+4AP")]
    public async Task Public_pages_have_no_accessibility_violations(string path)
    {
        var page = await NewPageAsync();

        var response = await page.GotoAsync(path);

        Assert.Equal(200, response?.Status);
        await AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData("/refer")]
    [InlineData("/referral-status")]
    [InlineData("/")]
    [InlineData("/directory?need=loneliness&postcode=LS1+4AP")]
    public async Task Public_pages_fit_a_phone_screen_without_sideways_scrolling(string path)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = suite.Gateway.BaseAddress!.ToString(),
            ViewportSize = new() { Width = 320, Height = 640 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(path);

        var (scrollWidth, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scrollWidth <= viewport, $"{path} is {scrollWidth}px wide on a {viewport}px screen");
        await AssertAccessibleAsync(page);
    }

    private static async Task FillReferralAsync(IPage page, string familyName, bool inCrisis)
    {
        await page.Locator("#given-name").FillAsync("Brenda");
        await page.Locator("#family-name").FillAsync(familyName);
        await page.Locator("#dob-day").FillAsync("3");
        await page.Locator("#dob-month").FillAsync("7");
        await page.Locator("#dob-year").FillAsync("1966");
        await page.Locator("#postcode").FillAsync("ls6 3hn");
        await page.Locator("#phone").FillAsync("07700 900321");
        await page.Locator("#needs").CheckAsync();
        await page.Locator("#harm-to-self-no").CheckAsync();
        await page.Locator("#harm-to-others-no").CheckAsync();
        await page.Locator(inCrisis ? "#in-crisis" : "#in-crisis-no").CheckAsync();
        await page.Locator("#share-with-link-worker").CheckAsync();
        await page.Locator("#share-with-gp").CheckAsync();
    }

    private Task<IPage> NewPageAsync() => browser.NewPageAsync(suite.Gateway.BaseAddress!);

    private static Task<IResponse?> SignInAsync(IPage page, string username, string landing = "/caseworker") => BrowserFixture.SignInAsync(page, username, landing);

    private static Task AssertAccessibleAsync(IPage page) => BrowserFixture.AssertAccessibleAsync(page);
}
