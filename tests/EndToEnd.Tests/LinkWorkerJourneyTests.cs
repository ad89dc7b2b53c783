using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// The issue's "done when": a newcomer signed in as <c>linkworker</c> takes a fresh self-referral
/// through all seven steps in the browser, with a provider accepting the prescription on the way;
/// every screen on the way is checked with axe.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class LinkWorkerJourneyTests(SuiteFixture suite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_link_worker_takes_a_self_referral_from_Referral_to_Outcomes_with_a_provider_accepting_on_the_way()
    {
        var referral = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Wren", "Journeyman"));
        var reference = (await referral.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        var caseId = (await suite.WaitForCaseAsync(reference, Patience))["id"]!.GetValue<Guid>();
        var service = await suite.ProviderServiceAsync();
        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);

        // Sign in, find the case in the team's caseload, open it, take it if nobody has it yet.
        await page.GotoAsync("/caseworker?show=team");
        await BrowserFixture.SignInAsync(page, "linkworker");
        await page.GotoAsync("/caseworker?show=team");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        Assert.Contains("Wren Journeyman", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        if (await page.Locator("#take").CountAsync() > 0)
        {
            await page.Locator("#take").ClickAsync();
            await ExpectDoneAsync(page, "The case is yours.");
        }

        await BrowserFixture.AssertAccessibleAsync(page);

        // 2. Assessment arranged: a mistake first, then a meeting on a day nobody else books.
        await page.Locator("#book-time").FillAsync("10:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book the meeting" }).ClickAsync();
        Assert.Contains("Enter the date of the meeting", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        var day = DateTime.UtcNow.Date.AddDays(100 + Random.Shared.Next(300)).ToString("yyyy-MM-dd");
        await page.Locator("#book-date").FillAsync(day);
        await page.Locator("#book-time").FillAsync("10:30");
        await page.Locator("#book-place").FillAsync("Central library");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book the meeting" }).ClickAsync();
        await ExpectDoneAsync(page, "The meeting is booked.");
        await MoveOnAsync(page, "Assessment arranged");

        // 3. Baseline metrics: the person answers SWEMWBS at the first meeting.
        await AnswerQuestionnaireAsync(page, timepoint: null);
        await MoveOnAsync(page, "Baseline metrics");

        // 4. Social prescription: what matters, then a service found with the person.
        await page.Locator("#what-matters").FillAsync("Getting out of the house and meeting people who like singing.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save what matters" }).ClickAsync();
        await ExpectDoneAsync(page, "What matters to the person is saved.");
        await page.Locator("#search").FillAsync(service.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search the directory" }).ClickAsync();
        var card = page.Locator("section.nhsuk-card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = service.Name, Exact = true }) });
        await card.Locator("summary").ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        Assert.Equal("Wren", await card.Locator($"#refer-{service.Id}-name").InputValueAsync());
        await card.Locator($"#refer-{service.Id}-agreed").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
        await ExpectDoneAsync(page, "The provider has been asked to take the person on.");

        // The provider accepts in their own session.
        var provider = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await provider.GotoAsync("/provider");
        await BrowserFixture.SignInAsync(provider, "provider", landing: "/provider");
        await SuiteFixture.Eventually(async () =>
        {
            await provider.GotoAsync("/provider");
            return await provider.Locator("section.nhsuk-card", new() { HasText = reference }).CountAsync() > 0;
        }, Patience);
        await provider.Locator("section.nhsuk-card", new() { HasText = reference }).GetByRole(AriaRole.Button, new() { Name = "Accept Wren" }).ClickAsync();
        await SuiteFixture.Eventually(async () =>
        {
            await page.GotoAsync($"/caseworker/cases/{caseId}");
            return await page.Locator("#prescription ~ table").GetByText("Accepted").CountAsync() > 0;
        }, Patience);
        await MoveOnAsync(page, "Social prescription");

        // 5 and 6: check-ins, a note, and the person feeling the difference.
        await page.Locator("#note-text").FillAsync("First choir session went well; Wren wants to keep going.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the note" }).ClickAsync();
        await ExpectDoneAsync(page, "The note is saved.");
        await MoveOnAsync(page, "Further visits");
        await MoveOnAsync(page, "Health risk reduced");

        // 7. Outcomes: the final questionnaire, then the case closes.
        await AnswerQuestionnaireAsync(page, timepoint: "final");
        await MoveOnAsync(page, "Outcomes");

        Assert.Contains("Closed: Outcomes", await page.Locator("h1 + p").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("871731000000106", await page.Locator("#gp ~ ul").First.InnerTextAsync(), StringComparison.Ordinal);
        var timeline = await page.Locator("#timeline ~ ol").InnerTextAsync();
        foreach (var expected in new[] { "Moved to Outcomes", "Provider accepted", "Meeting booked", "First choir session went well" })
        {
            Assert.Contains(expected, timeline, StringComparison.Ordinal);
        }

        await BrowserFixture.AssertAccessibleAsync(page);
        var closed = await suite.LinkWorker.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
        Assert.Equal("Outcomes", closed!["step"]!.GetValue<string>());
        Assert.Equal(6, closed["history"]!.AsArray().Count);
        await SuiteFixture.Eventually(async () =>
            (await suite.LinkWorker.GetFromJsonAsync<JsonObject>($"/api/referrals/{closed["referralId"]!.GetValue<Guid>()}"))!["status"]!.GetValue<string>() == "closed",
            Patience);
    }

    /// <summary>Records SWEMWBS from the case page, every answer "some of the time" (3).</summary>
    private static async Task AnswerQuestionnaireAsync(IPage page, string? timepoint)
    {
        await page.Locator("#instrument").SelectOptionAsync("swemwbs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show its questions" }).ClickAsync();
        if (timepoint is not null)
        {
            await page.Locator($"#timepoint-{timepoint}").CheckAsync();
        }

        var answers = page.Locator("input[type=radio][name^='Answers'][value='3']");
        for (var i = 0; i < await answers.CountAsync(); i++)
        {
            await answers.Nth(i).CheckAsync();
        }

        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the scores" }).ClickAsync();
        await ExpectDoneAsync(page, "The scores are recorded.");
    }

    /// <summary>
    /// Moves the case to <paramref name="step"/> with the page's button. Scores reach the case by an
    /// event a moment after they are recorded, so a refusal for a missing score is tried again.
    /// </summary>
    private async Task MoveOnAsync(IPage page, string step)
    {
        var url = page.Url.Split('?')[0].Split('#')[0];
        await SuiteFixture.Eventually(async () =>
        {
            await page.GotoAsync(url);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Move to {step}" }).ClickAsync();
            return await page.Locator("[role=status]", new() { HasText = "The case has moved on." }).CountAsync() > 0;
        }, Patience);
    }

    /// <summary>
    /// Waits for the page's answer: the confirmation, or a refusal or error summary, whose words then
    /// make the failure say what the page said instead of a bare timeout.
    /// </summary>
    private static async Task ExpectDoneAsync(IPage page, string message)
    {
        var answer = page.Locator("[role=status], [role=alert], .nhsuk-error-summary").First;
        await answer.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Contains(message, await answer.InnerTextAsync(), StringComparison.Ordinal);
    }
}
