using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// Issue 26's "done when", as people use it in the browser through the gateway, every screen checked with axe: a link worker
/// raises an urgent safeguarding concern (and is told to call 999), the safeguarding lead finds it first in their queue with
/// its due time, records a referral to the local authority and closes it, and the case's timeline shows each step; and a
/// risk recorded at a contact puts the case back in the same-day queue.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class SafeguardingBrowserTests(SuiteFixture suite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_link_worker_raises_an_urgent_concern_and_the_lead_sees_it_first_refers_it_to_the_local_authority_and_closes_it()
    {
        var (caseId, reference) = await OpenCaseAsync("Rowan", "Concerned");
        var worker = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await worker.GotoAsync($"/caseworker/cases/{caseId}");
        await BrowserFixture.SignInAsync(worker, "linkworker", landing: $"/caseworker/cases/{caseId}");

        // A first try with nothing chosen: every mistake is named, the form stays open.
        await worker.GetByText("Raise a safeguarding concern").ClickAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Raise the concern" }).ClickAsync();
        var summary = await worker.Locator(".nhsuk-error-summary").InnerTextAsync();
        Assert.Contains("Choose the category of abuse or neglect.", summary, StringComparison.Ordinal);
        Assert.Contains("Say whether anyone is in immediate danger.", summary, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(worker);

        await worker.Locator("#concern-subject").CheckAsync();
        await worker.Locator("#concern-category").SelectOptionAsync("domesticAbuse");
        await worker.Locator("#concern-description").FillAsync("Says her partner pushed her down the stairs last night and she is afraid to go home.");
        await worker.Locator("#concern-aware").CheckAsync();
        await worker.Locator("#concern-consent-no").CheckAsync();
        await worker.Locator("#concern-danger").CheckAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Raise the concern" }).ClickAsync();

        Assert.Contains("call 999 now", await worker.GetByRole(AriaRole.Alert).First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Open safeguarding concern", await worker.Locator("#open-concerns").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(worker);

        // The lead: the queue, urgent first, with the time it is due.
        var lead = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await lead.GotoAsync("/safeguarding");
        await BrowserFixture.SignInAsync(lead, "safeguarding", landing: "/safeguarding");
        var first = lead.Locator("tbody tr").First;
        Assert.Contains(reference, await first.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Immediate danger", await first.InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(await first.Locator("time").GetAttributeAsync("datetime") ?? "");
        await BrowserFixture.AssertAccessibleAsync(lead);

        await first.GetByRole(AriaRole.Link).ClickAsync();
        Assert.Contains("afraid to go home", await lead.Locator("dl").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(lead);
        await lead.GetByLabel("Referred to the local authority").CheckAsync();
        await lead.Locator("#decision-reason").FillAsync("Adult at risk of domestic abuse: referred under section 42 of the Care Act.");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Record the decision and close the concern" }).ClickAsync();
        Assert.Contains("Enter the local authority's reference", await lead.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(lead);
        await lead.Locator("#decision-reference").FillAsync("LA-2026-7781");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Record the decision and close the concern" }).ClickAsync();
        Assert.Contains("Your decision is recorded and the concern is closed", await lead.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(lead);

        // The case: no open concern any more, and the timeline has each step.
        await worker.GotoAsync($"/caseworker/cases/{caseId}");
        Assert.Equal(0, await worker.Locator("#open-concerns").CountAsync());
        var timeline = await worker.Locator("#timeline + ol").InnerTextAsync();
        Assert.Contains("Safeguarding concern raised", timeline, StringComparison.Ordinal);
        Assert.Contains("Safeguarding decision: Referred to the local authority", timeline, StringComparison.Ordinal);
        Assert.Contains("LA-2026-7781", timeline, StringComparison.Ordinal);
        Assert.Contains("Safeguarding concern closed", timeline, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(worker);
    }

    [Fact]
    public async Task A_risk_recorded_at_a_contact_puts_the_case_back_in_the_same_day_queue_with_a_review_for_today()
    {
        var (caseId, reference) = await OpenCaseAsync("Ash", "Atrisk");
        var worker = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await worker.GotoAsync($"/caseworker/cases/{caseId}");
        await BrowserFixture.SignInAsync(worker, "linkworker", landing: $"/caseworker/cases/{caseId}");

        await worker.Locator("#contact-outcome").CheckAsync();
        await worker.Locator("#contact-risk-yes").CheckAsync();
        await worker.Locator("#contact-note").FillAsync("Said he has been thinking about ending his life.");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Record the attempt" }).ClickAsync();

        Assert.Contains("the case is urgent again", await worker.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Same day", await worker.Locator("h1 + p").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Risk recorded at a contact: act on it today", await worker.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(worker);

        await worker.GotoAsync("/caseworker");
        var queue = worker.Locator(".nhsuk-warning-callout", new() { HasText = "Same-day queue" });
        Assert.Contains($"{reference}", await queue.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("risk recorded at a contact, review today", await queue.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(worker);
    }

    [Fact]
    public async Task A_call_handler_raises_a_concern_with_a_phone_referral_and_the_lead_finds_it_in_the_queue()
    {
        var handler = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await handler.GotoAsync("/intake");
        await BrowserFixture.SignInAsync(handler, "callhandler", landing: "/intake");
        await handler.Locator("#given-name").FillAsync("Hazel");
        await handler.Locator("#family-name").FillAsync("Phonecall-" + Guid.NewGuid().ToString("N")[..6]);
        await handler.Locator("#dob-day").FillAsync("12");
        await handler.Locator("#dob-month").FillAsync("2");
        await handler.Locator("#dob-year").FillAsync("1948");
        await handler.Locator("#postcode").FillAsync("LS6 3HN");
        await handler.Locator("#phone").FillAsync("07700 900456");
        await handler.Locator("#needs").CheckAsync();
        await handler.Locator("#harm-to-self-no").CheckAsync();
        await handler.Locator("#harm-to-others-no").CheckAsync();
        await handler.Locator("#in-crisis-no").CheckAsync();
        await handler.Locator("#share-with-link-worker").CheckAsync();
        await handler.Locator("#share-with-gp").CheckAsync();
        await handler.Locator("#concern-raise-yes").CheckAsync();
        await handler.Locator("#caller-confirmed").CheckAsync();
        await handler.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        // The concern's questions were not answered: each is named, nothing is sent.
        Assert.Contains("Choose the category of abuse or neglect.", await handler.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(handler);
        await handler.Locator("#concern-subject").CheckAsync();
        await handler.Locator("#concern-category").SelectOptionAsync("financial");
        await handler.Locator("#concern-description").FillAsync("Says her son takes her pension every week and she has no money for food.");
        await handler.Locator("#concern-aware").CheckAsync();
        await handler.Locator("#concern-consent").CheckAsync();
        await handler.Locator("#concern-danger-no").CheckAsync();
        await handler.Locator("#caller-confirmed").CheckAsync();
        await handler.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        Assert.Equal("/intake/confirmation", new Uri(handler.Url).AbsolutePath);
        Assert.Contains("The safeguarding concern has gone to the safeguarding lead", await handler.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(handler);
        var reference = (await handler.Locator("#reference").InnerTextAsync()).Trim();

        var lead = await browser.NewPageAsync(suite.Gateway.BaseAddress!);
        await lead.GotoAsync("/safeguarding");
        await BrowserFixture.SignInAsync(lead, "safeguarding", landing: "/safeguarding");
        await SuiteFixture.Eventually(async () =>
        {
            await lead.GotoAsync("/safeguarding");
            return await lead.Locator("tbody tr", new() { HasText = reference }).CountAsync() == 1;
        }, Patience);
        Assert.Contains("Financial or material abuse", await lead.Locator("tbody tr", new() { HasText = reference }).InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(lead);
    }

    private async Task<(Guid CaseId, string Reference)> OpenCaseAsync(string givenName, string familyName)
    {
        var referral = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral(givenName, familyName));
        var reference = (await referral.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        return ((await suite.WaitForCaseAsync(reference, Patience))["id"]!.GetValue<Guid>(), reference);
    }
}
