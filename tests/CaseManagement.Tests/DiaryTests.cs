using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>A link worker's diary: their meetings by day and week, moved and cancelled marked, a manager's view of anyone's, and a private calendar feed.</summary>
[Collection(CaseCollection.Name)]
public sealed partial class DiaryTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_week_shows_my_meetings_with_moved_and_cancelled_ones_marked_and_a_link_to_each_case()
    {
        var (id, first, second, third) = await ThreeMeetingsAsync("SP-DRY1-B2CD");

        var week = await Browser(LinkWorkerToken).GetStringAsync($"/caseworker/diary?from={first:yyyy-MM-dd}");
        var day = await Browser(LinkWorkerToken).GetStringAsync($"/caseworker/diary?from={first:yyyy-MM-dd}&view=day");

        Assert.Contains("<h1>My diary</h1>", week, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(week, $"href=\"/caseworker/cases/{id}\"").Count);
        Assert.Contains("Central Library", week, StringComparison.Ordinal);
        Assert.Contains("nhsuk-tag--orange\">Moved</strong>", week, StringComparison.Ordinal);
        Assert.Contains("nhsuk-tag--grey\">Cancelled</strong>", week, StringComparison.Ordinal);
        Assert.Contains("Phone call", week, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(day, $"href=\"/caseworker/cases/{id}\""));
        Assert.Contains("href=\"/caseworker/diary\" aria-current=\"page\"", week, StringComparison.Ordinal);
        // Reading the diary is reading the case: audited, by whom and through which page.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SocialPrescribing.CaseManagement.Infrastructure.CaseDbContext>();
        var audited = await db.Set<SocialPrescribing.Messaging.Audit.AuditEntry>().AsNoTracking()
            .Where(a => a.ResourceId == id && a.Action == "read").Select(a => new { a.Actor, a.Route }).ToListAsync();
        Assert.Contains(audited, a => a.Actor == "lw-north" && a.Route.Contains("caseworker/diary", StringComparison.Ordinal));
        _ = (second, third);
    }

    [Theory]
    [InlineData("from=2026-01-01&to=2026-04-30", "to")]
    [InlineData("from=2026-05-01&to=2026-04-30", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=9999-12-31", "from")]
    public async Task A_range_over_three_months_or_not_a_date_is_refused_with_400_naming_the_field(string query, string field)
    {
        var response = await Browser(LinkWorkerToken).GetAsync($"/caseworker/diary?{query}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<a href=\"#{field}\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_opens_a_team_members_diary_and_a_link_worker_sees_only_their_own()
    {
        var (id, first, _, _) = await ThreeMeetingsAsync("SP-DRY2-B2CD");

        var managers = await Browser(TestTokens.For(role: "manager", subject: "mgr-diary")).GetStringAsync($"/caseworker/diary?worker=lw-north&from={first:yyyy-MM-dd}");
        var colleague = await Browser(TestTokens.For(role: "linkworker", team: "north", subject: "lw-other")).GetStringAsync($"/caseworker/diary?worker=lw-north&from={first:yyyy-MM-dd}");

        Assert.Contains($"href=\"/caseworker/cases/{id}\"", managers, StringComparison.Ordinal);
        Assert.Contains("<label class=\"nhsuk-label\" for=\"worker\">Whose diary</label>", managers, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/caseworker/cases/{id}\"", colleague, StringComparison.Ordinal);
        Assert.Contains("<h1>My diary</h1>", colleague, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser(TestTokens.For(role: "callhandler", subject: "ch")).GetAsync("/caseworker/diary")).StatusCode);
    }

    [Fact]
    public async Task The_private_calendar_feed_has_times_places_and_references_only_and_a_reset_stops_the_old_address()
    {
        var (id, _, _, _) = await ThreeMeetingsAsync("SP-DRY3-B2CD");
        var browser = Browser(LinkWorkerToken, cookies: true);
        await factory.ExecuteAsync($"UPDATE cases SET what_matters = 'Grieving, drinking more' WHERE id = '{id}'");

        var address = await FeedAddressAsync(browser);
        var feed = await factory.CreateClient().GetAsync(new Uri(address).PathAndQuery);
        var ics = await feed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(ics, "BEGIN:VEVENT").Count);
        Assert.Contains("SUMMARY:Social prescribing meeting SP-DRY3-B2CD", ics, StringComparison.Ordinal);
        Assert.Contains("LOCATION:Central Library", ics, StringComparison.Ordinal);
        Assert.Contains("STATUS:CANCELLED", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Grieving", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("money", ics, StringComparison.Ordinal); // the case's need

        var newAddress = await FeedAddressAsync(browser);
        Assert.NotEqual(address, newAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync(new Uri(address).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(new Uri(newAddress).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/calendar/not-a-token.ics")).StatusCode);
    }

    private static readonly string LinkWorkerToken = TestTokens.For(role: "linkworker", team: "north", subject: "lw-north");

    private async Task<string> FeedAddressAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/caseworker/diary");
        var made = await browser.PostAsync("/caseworker/diary?handler=Feed", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", FormFields.AntiforgeryToken(page))]));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var shown = await browser.GetStringAsync("/caseworker/diary");
        return Address().Match(shown).Groups[1].Value;
    }

    /// <summary>A case of lw-north with three meetings in one week: one booked, one moved, one cancelled.</summary>
    private async Task<(Guid Id, DateTimeOffset First, DateTimeOffset Second, DateTimeOffset Third)> ThreeMeetingsAsync(string reference)
    {
        var worker = factory.CreateClientWithToken(LinkWorkerToken);
        await worker.GetAsync("/api/cases?assignedTo=me");
        var id = await factory.OpenCaseAsync(reference, area: "LS1");
        await factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "manager-1")).PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-north" });
        var monday = DateTime.UtcNow.Date.AddDays(7 - (((int)DateTime.UtcNow.DayOfWeek + 6) % 7));
        var first = new DateTimeOffset(monday, TimeSpan.Zero).AddHours(11);
        var (second, third) = (first.AddDays(1), first.AddDays(2));
        await worker.PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = first, mode = "faceToFace", place = "Central Library" });
        var moved = await (await worker.PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = second.AddHours(-2), mode = "phone" })).Content.ReadFromJsonAsync<JsonObject>();
        var movedId = moved!["appointments"]!.AsArray().Single(a => a!["mode"]!.GetValue<string>() == "phone")!["id"]!.GetValue<Guid>();
        await worker.PutAsJsonAsync($"/api/cases/{id}/appointments/{movedId}", new { startsAt = second, mode = "phone" });
        var cancelled = await (await worker.PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = third, mode = "video" })).Content.ReadFromJsonAsync<JsonObject>();
        var cancelledId = cancelled!["appointments"]!.AsArray().Single(a => a!["mode"]!.GetValue<string>() == "video")!["id"]!.GetValue<Guid>();
        await worker.PostAsJsonAsync($"/api/cases/{id}/appointments/{cancelledId}/cancel", new { });
        return (id, first, second, third);
    }

    private HttpClient Browser(string token, bool cookies = false)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("<code id=\"feed-address\">([^<]+)</code>")]
    private static partial Regex Address();
}
