using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>
/// The link worker's screens, server-rendered, posted back as a browser would (antiforgery token and
/// all). The other services are not running here: the case page says what it cannot show and works on.
/// </summary>
[Collection(CaseCollection.Name)]
public sealed partial class CaseworkPagesTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_caseload_shows_my_cases_with_counts_and_links_and_the_same_day_queue()
    {
        var browser = LinkWorker();
        await browser.GetAsync("/caseworker");
        var mine = await factory.OpenCaseAsync("SP-PG1A-B2CD", area: "LS1");
        await factory.SetFirstContactDueAsync(mine, DateTimeOffset.UtcNow.AddHours(-2));

        var html = await browser.GetStringAsync("/caseworker");

        Assert.Contains($"href=\"/caseworker/cases/{mine}\">SP-PG1A-B2CD</a>", html, StringComparison.Ordinal);
        Assert.Contains("Lee Linkworker", html, StringComparison.Ordinal);
        Assert.Contains("1 <span class=\"nhsuk-body-s\">overdue</span>", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"nhsuk-tag nhsuk-tag--orange\">Overdue</strong>", html, StringComparison.Ordinal);
        var nobody = await browser.GetStringAsync("/caseworker?show=nobody");
        Assert.Contains("There are no cases here", nobody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_shows_the_journey_and_says_what_it_cannot_show_while_other_services_are_down()
    {
        var browser = LinkWorker();
        await browser.GetAsync("/caseworker");
        var id = await factory.OpenCaseAsync("SP-PG2A-B2CD", area: "LS1");

        var response = await browser.GetAsync($"/caseworker/cases/{id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Case SP-PG2A-B2CD", html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"step\"", html, StringComparison.Ordinal);
        Assert.Contains("The person&#x27;s details could not be loaded just now", html, StringComparison.Ordinal);
        Assert.Contains("Before the case can move on, it needs an appointment or a contact", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south", subject: "lw-south"))
            .GetAsync($"/caseworker/cases/{id}")).StatusCode);
        var refused = await factory.CreateClientWithToken(TestTokens.For(role: "callhandler")).GetAsync($"/caseworker/cases/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("SP-PG2A-B2CD", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forms_on_the_case_page_book_move_note_and_contact_and_mistakes_come_back_next_to_the_field()
    {
        var browser = LinkWorker();
        await browser.GetAsync("/caseworker");
        var id = await factory.OpenCaseAsync("SP-PG3A-B2CD", area: "LS1");
        var path = $"/caseworker/cases/{id}";
        var day = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd");

        var badDate = await PostAsync(browser, path, "Book", ("MeetingDate", "next tuesday"), ("MeetingTime", "10:00"));
        var badHtml = await badDate.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        Assert.Contains("<title>Error: ", badHtml, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#book-date\">Enter the date of the meeting", badHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"book-date-error\"", badHtml, StringComparison.Ordinal);

        var booked = await PostAsync(browser, path, "Book", ("MeetingDate", day), ("MeetingTime", "10:30"), ("MeetingMinutes", "45"), ("MeetingMode", "faceToFace"), ("MeetingPlace", "Central library"));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal($"{path}?done=booked", booked.Headers.Location!.OriginalString);
        var clash = await PostAsync(browser, path, "Book", ("MeetingDate", day), ("MeetingTime", "11:00"));
        Assert.Contains("overlaps another booked meeting", await clash.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, path, "Move", ("To", "AssessmentArranged"), ("Reason", ""))).StatusCode);
        var tooLong = await PostAsync(browser, path, "Note", ("Text", new string('x', 10_001)));
        Assert.Contains("id=\"note-text-error\"", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, path, "Note", ("Text", "Likes <b>choirs</b>"))).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, path, "Contact", ("Outcome", "noAnswer"), ("ContactMode", "phone"))).StatusCode);
        }

        var html = await browser.GetStringAsync(path);
        Assert.Contains("3 attempts in a row did not reach the person", html, StringComparison.Ordinal);
        Assert.Contains("Likes &lt;b&gt;choirs&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Central library", html, StringComparison.Ordinal);
        var view = await browser.GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal("AssessmentArranged", view!["step"]!.GetValue<string>());
        // Booked for 10:30 in London.
        var startsAt = view["appointments"]![0]!["startsAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(10, TimeZoneInfo.ConvertTime(startsAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).Hour);
    }

    [Fact]
    public async Task A_manager_reassigns_from_the_case_page_to_a_link_worker_of_the_team()
    {
        await LinkWorker().GetAsync("/caseworker");
        var id = await factory.OpenCaseAsync("SP-PG4A-B2CD", area: "LS1");
        var colleague = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-colleague"));
        await colleague.GetAsync("/caseworker");
        var manager = Browser(TestTokens.For(role: "manager", subject: "manager-1"));

        var page = await manager.GetStringAsync($"/caseworker/cases/{id}");
        Assert.Contains("<option value=\"lw-colleague\"", page, StringComparison.Ordinal);
        var moved = await PostAsync(manager, $"/caseworker/cases/{id}", "Assign", ("AssignTo", "lw-colleague"));

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("lw-colleague", (await manager.GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!["assignedTo"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(LinkWorker(), $"/caseworker/cases/{id}", "Assign", ("AssignTo", "lw-north"))).StatusCode);
    }

    [Fact]
    public async Task A_person_who_chose_welsh_is_marked_so_on_the_case_and_the_caseload_which_stay_english()
    {
        var browser = LinkWorker();
        await browser.GetAsync("/caseworker"); // on the team's roster: new cases come to them
        var welsh = await factory.OpenCaseAsync("SP-CY1A-B2CD", area: "LS1", language: "cy");
        var english = await factory.OpenCaseAsync("SP-EN1A-B2CD", area: "LS1");

        var casePage = await browser.GetStringAsync($"/caseworker/cases/{welsh}");
        var otherPage = await browser.GetStringAsync($"/caseworker/cases/{english}");
        var caseload = await browser.GetStringAsync("/caseworker?lang=cy");

        Assert.Contains("id=\"language\">Speaks Welsh: call and write in <span lang=\"cy\">Cymraeg</span>", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Speaks Welsh", otherPage, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(caseload, "Welsh <span lang=\"cy\">\\(Cymraeg\\)</span>"));
        Assert.Contains("<html lang=\"en-GB\"", caseload, StringComparison.Ordinal); // staff screens stay English
        var api = await factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "m")).GetStringAsync($"/api/cases/{welsh}");
        Assert.Contains("\"language\":\"cy\"", api, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_header_offers_the_screens_my_role_may_use_with_the_current_one_marked_and_a_case_has_breadcrumbs()
    {
        var browser = LinkWorker();
        var caseload = await browser.GetStringAsync("/caseworker");
        var id = await factory.OpenCaseAsync("SP-NAV1-B2CD", area: "LS1");
        var casePage = await browser.GetStringAsync($"/caseworker/cases/{id}");
        var manager = await Browser(TestTokens.For(role: "manager", subject: "manager-nav")).GetStringAsync("/caseworker");

        var offered = NavigationLink().Matches(caseload).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["/caseworker", "/caseworker/diary", "/people", "/directory", "/safeguarding"], offered);
        Assert.Contains("<a class=\"nhsuk-header__navigation-link\" href=\"/caseworker\" aria-current=\"page\">", caseload, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(caseload, "navigation-link\" href=\"[^\"]+\" aria-current=\"page\""));
        Assert.Contains("href=\"/caseworker\" aria-current=\"page\"", casePage, StringComparison.Ordinal); // a case is in the caseload
        Assert.Contains("<nav class=\"nhsuk-breadcrumb\" aria-label=\"Breadcrumb\">", casePage, StringComparison.Ordinal);
        Assert.Contains("<a class=\"nhsuk-breadcrumb__link\" href=\"/caseworker\">Caseload</a>", casePage, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports\"", manager, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/reports\"", caseload, StringComparison.Ordinal);
        Assert.All(SocialPrescribing.WebUI.StaffNavigation.Screens.SelectMany(s => s.Roles), role => Assert.Contains(role, SocialPrescribing.Authentication.SuiteRoles.All));
    }

    [System.Text.RegularExpressions.GeneratedRegex("<a class=\"nhsuk-header__navigation-link\" href=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex NavigationLink();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string handler, params (string Name, string Value)[] fields)
    {
        var page = await browser.GetStringAsync(path);
        return await browser.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
                .Append(new("__RequestVerificationToken", FormFields.AntiforgeryToken(page)))));
    }

    private HttpClient LinkWorker() => Browser(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north",
        extraClaims: new Dictionary<string, object> { ["preferred_username"] = "Lee Linkworker" }));

    private HttpClient Browser(string token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
