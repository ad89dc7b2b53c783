using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using SocialPrescribing.CaseManagement.Features.TeamView;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>A manager's team view: each link worker's and team's open, same-day and overdue cases, time to first contact, meetings and did-not-attend rate, and a CSV.</summary>
[Collection(CaseCollection.Name)]
public sealed class TeamViewTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_worker_and_team_has_their_figures_linked_to_their_caseload_and_diary_and_as_csv()
    {
        var north = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north",
            extraClaims: new Dictionary<string, object> { ["preferred_username"] = "Lee Linkworker" }));
        await north.GetAsync("/api/cases?assignedTo=me");
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "manager-team"));
        var ids = new List<Guid>();
        foreach (var reference in new[] { "SP-TMA1-B2CD", "SP-TMA2-B2CD", "SP-TMA3-B2CD" })
        {
            var id = await factory.OpenCaseAsync(reference, area: "LS1");
            await manager.PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-north" });
            ids.Add(id);
        }

        // First contact after 1, 2 and 4 days; one case overdue (a task past due); two meetings missed of four.
        await factory.ExecuteAsync($"UPDATE cases SET first_contact_at = opened_at + interval '1 day' WHERE id = '{ids[0]}'");
        await factory.ExecuteAsync($"UPDATE cases SET first_contact_at = opened_at + interval '2 days' WHERE id = '{ids[1]}'");
        await factory.ExecuteAsync($"UPDATE cases SET first_contact_at = opened_at + interval '4 days' WHERE id = '{ids[2]}'");
        await factory.SetFirstContactDueAsync(ids[2], DateTimeOffset.UtcNow.AddDays(-1));
        await factory.ExecuteAsync($"UPDATE cases SET first_contact_at = NULL WHERE id = '{ids[2]}'");
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1), TimeSpan.Zero).AddHours(9);
        for (var i = 0; i < 4; i++)
        {
            await north.PostAsJsonAsync($"/api/cases/{ids[0]}/appointments", new { startsAt = start.AddDays(i * 2), mode = "phone" });
        }

        await factory.ExecuteAsync($"UPDATE case_appointments SET starts_at = now() - interval '10 days', status = 'didNotAttend' WHERE case_id = '{ids[0]}' AND starts_at < '{start.AddDays(3):O}'");
        await factory.ExecuteAsync($"UPDATE case_appointments SET starts_at = now() - interval '5 days', status = 'attended' WHERE case_id = '{ids[0]}' AND starts_at >= '{start.AddDays(3):O}' AND starts_at < '{start.AddDays(5):O}'");

        var page = await Browser(TestTokens.For(role: "manager", subject: "manager-team")).GetStringAsync("/caseworker/team");
        var csv = await Browser(TestTokens.For(role: "manager", subject: "manager-team")).GetAsync("/caseworker/team?format=csv");
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("<a href=\"/caseworker?worker=lw-north\">Lee Linkworker</a>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/caseworker/diary?worker=lw-north\"", page, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lee = rows.Single(r => r.StartsWith("Lee Linkworker,link worker,", StringComparison.Ordinal)).Split(',');
        var header = rows[0].Split(',');
        string Column(string name) => lee[Array.IndexOf(header, name)];
        Assert.Equal(("3", "1", "1", "2"), (Column("open_cases"), Column("overdue"), Column("median_days_to_first_contact"), Column("p90_days_to_first_contact")));
        Assert.Equal(("2", "1", "0.67"), (Column("did_not_attend"), Column("attended"), Column("did_not_attend_rate")));
        Assert.StartsWith("Team north,team,3,", rows.Single(r => r.StartsWith("Team north,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_managers_see_it_and_a_manager_follows_a_name_to_that_workers_caseload()
    {
        await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north")).GetAsync("/api/cases?assignedTo=me");
        var id = await factory.OpenCaseAsync("SP-TMB1-B2CD", area: "LS1");
        var manager = Browser(TestTokens.For(role: "manager", subject: "manager-team"));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "m"))
            .PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-north" })).StatusCode);

        var linkWorker = await Browser(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north")).GetAsync("/caseworker/team");
        var theirs = await manager.GetStringAsync("/caseworker?worker=lw-north");
        var someoneElse = await manager.GetStringAsync("/caseworker?worker=lw-nobody-here");

        Assert.Equal(HttpStatusCode.Forbidden, linkWorker.StatusCode);
        Assert.Contains($"href=\"/caseworker/cases/{id}\"", theirs, StringComparison.Ordinal);
        Assert.Contains("<span class=\"nhsuk-caption-l\">Cases of ", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/caseworker/cases/{id}\"", someoneElse, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new double[] { }, 50, null)]
    [InlineData(new double[] { 3 }, 90, 3.0)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 90, 9.0)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 50, 2.0)]
    public void Percentiles_are_nearest_rank(double[] sorted, double percentile, double? expected)
    {
        Assert.Equal(expected, TeamFigures.Percentile(sorted, percentile));
    }

    private HttpClient Browser(string token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
