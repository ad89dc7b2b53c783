using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>The person's feedback in a real browser: asked by email when their case closes, answered once, seen by a manager.</summary>
[Collection(SuiteCollection.Name)]
public sealed partial class FeedbackBrowserTests(SuiteFixture suite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_person_answers_the_feedback_questionnaire_from_the_link_in_their_email_once()
    {
        var email = $"fft-{Guid.NewGuid():N}"[..16] + "@example.org";
        var body = SuiteFixture.SelfReferral("Greta", "Feedback");
        body["person"]!["email"] = email;
        body["person"]!["preferredContact"] = "email";
        var referral = await suite.Gateway.PostAsJsonAsync("/api/referrals", body);
        var reference = (await referral.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        var caseId = (await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(60)))["id"]!.GetValue<Guid>();

        // The case closes (the person chose to stop): they are asked how it went, by email.
        var closed = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/steps", new { to = "Withdrawn", reason = "Feeling better; would rather stop." });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var text = await suite.MailAsync(email, "How did it go? Tell us in 2 minutes", TimeSpan.FromSeconds(90));
        var link = new Uri(FeedbackLink().Match(text).Value);

        var page = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await page.GotoAsync(link.PathAndQuery);
        Assert.Equal("Tell us how it went", (await page.Locator("h1").InnerTextAsync()).Trim());
        await BrowserFixture.AssertAccessibleAsync(page);

        // Sent without the required answer: the mistake is named, and what was written stays.
        await page.Locator("#went-well").FillAsync("My link worker listened and found me a choir.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send your feedback" }).ClickAsync();
        Assert.Contains("Choose how your experience was overall", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("My link worker listened and found me a choir.", await page.Locator("#went-well").InputValueAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Very good").CheckAsync();
        await page.Locator("#could-be-better").FillAsync("Evening sessions would help.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send your feedback" }).ClickAsync();
        Assert.Contains("Your feedback has been sent.", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        // The link worked once.
        var again = await page.GotoAsync(link.PathAndQuery);
        Assert.Equal((int)HttpStatusCode.Gone, again!.Status);
        Assert.Equal("This link has already been used", (await page.Locator("h1").InnerTextAsync()).Trim());

        // A manager opens what people said from the reports (counts, and quotes once five or more have answered).
        var manager = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await manager.GotoAsync("/reports");
        await BrowserFixture.SignInAsync(manager, "manager", landing: "/reports");
        await manager.GetByRole(AriaRole.Link, new() { Name = "what people said" }).ClickAsync();
        Assert.Equal("What people said", (await manager.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(1, await manager.Locator("#feedback-counts").CountAsync());
        await BrowserFixture.AssertAccessibleAsync(manager);
    }

    [GeneratedRegex(@"https?://\S+/wellbeing/feedback/[A-Za-z0-9_-]+")]
    private static partial Regex FeedbackLink();
}
