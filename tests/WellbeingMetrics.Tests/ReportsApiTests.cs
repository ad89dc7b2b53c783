using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SocialPrescribing.WellbeingMetrics.Tests;

/// <summary>Outcome reports from real assessments and case events.</summary>
[Collection(WellbeingCollection.Name)]
public sealed class ReportsApiTests(WellbeingFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Day(int daysAgo) => DateTime.UtcNow.AddDays(-daysAgo).ToString("yyyy-MM-dd");

    /// <summary>A case with a WEMWBS baseline and follow-up (baseline all 3s = 42, then + <paramref name="gain"/>).</summary>
    private async Task PairAsync(string source, int gain)
    {
        var caseId = await factory.OpenCaseAsync(source: source);
        var after = Enumerable.Repeat(3, 14).ToArray();
        for (var i = 0; i < gain; i++)
        {
            after[i] = 4;
        }

        var client = factory.Manager();
        (await client.PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "wemwbs", [.. Enumerable.Repeat(3, 14)], completedOn: Day(60)))).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "wemwbs", after, "followup", completedOn: Day(5)))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Paired_scores_give_mean_change_interval_and_share_meaningfully_improved_with_small_groups_suppressed()
    {
        // GP: gains 1, 2, 3, 4, 5 (mean 3, two below the threshold of 3); self: two people only.
        foreach (var gain in new[] { 1, 2, 3, 4, 5 })
        {
            await PairAsync("gp", gain);
        }

        await PairAsync("self", 6);
        await PairAsync("self", 6);

        var report = await factory.Manager().GetFromJsonAsync<JsonObject>($"/api/wellbeing/reports/outcomes?from={Day(30)}&to={Day(0)}&groupBy=source");

        var rows = report!["outcomes"]!.AsArray();
        var gp = rows.Single(r => r!["group"]!.GetValue<string>() == "gp" && r["instrument"]!.GetValue<string>() == "wemwbs")!;
        Assert.Equal(5, gp["people"]!.GetValue<int>());
        Assert.Equal(42m, gp["meanBaseline"]!.GetValue<decimal>());
        Assert.Equal(3m, gp["meanChange"]!.GetValue<decimal>());
        Assert.Equal(1.04m, gp["changeLower95"]!.GetValue<decimal>());
        Assert.Equal(4.96m, gp["changeUpper95"]!.GetValue<decimal>());
        Assert.Equal(3, gp["meaningfulImprovement"]!.GetValue<int>());
        Assert.Equal(0.6m, gp["meaningfulImprovementShare"]!.GetValue<decimal>());
        var self = rows.Single(r => r!["group"]!.GetValue<string>() == "self")!;
        Assert.True(self["suppressed"]!.GetValue<bool>());
        Assert.Null(self["people"]);
        Assert.Null(self["meanChange"]);
        var bySource = report["activity"]!["referralsBySource"]!.AsArray();
        Assert.Equal(5, bySource.Single(r => r!["label"]!.GetValue<string>() == "gp")!["count"]!.GetValue<int>());
        Assert.Null(bySource.Single(r => r!["label"]!.GetValue<string>() == "self")!["count"]);
        Assert.Equal(7, report["activity"]!["casesByStep"]!.AsArray().Single()!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Scores_outside_the_period_and_follow_ups_without_a_baseline_are_left_out()
    {
        for (var i = 0; i < 5; i++)
        {
            await PairAsync("gp", 2);
        }

        var lonely = await factory.OpenCaseAsync();
        await factory.Manager().PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(lonely, "wemwbs", [.. Enumerable.Repeat(5, 14)], "followup"));

        var inPeriod = await factory.Manager().GetFromJsonAsync<JsonObject>($"/api/wellbeing/reports/outcomes?from={Day(30)}&to={Day(0)}");
        var before = await factory.Manager().GetFromJsonAsync<JsonObject>($"/api/wellbeing/reports/outcomes?from={Day(400)}&to={Day(100)}");

        Assert.Equal(5, inPeriod!["outcomes"]![0]!["people"]!.GetValue<int>());
        Assert.Empty(before!["outcomes"]!.AsArray());
    }

    [Fact]
    public async Task A_manager_downloads_the_outcomes_as_csv()
    {
        for (var i = 0; i < 5; i++)
        {
            await PairAsync("gp", 4);
        }

        var response = await factory.Manager().GetAsync($"/api/wellbeing/reports/outcomes?groupBy=need&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("from,to,groupBy,group,instrument,measure,people,meanBaseline", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(",need,loneliness,wemwbs,score,5,42", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(1,1)")]
    [InlineData("\tleading tab")]
    [InlineData("\rleading return")]
    public async Task A_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string role)
    {
        // A referrer's free-text role names the group.
        for (var i = 0; i < 5; i++)
        {
            await PairAsync(role, 2);
        }

        var csv = (await factory.Manager().GetStringAsync("/api/wellbeing/reports/outcomes?groupBy=source&format=csv")).TrimStart('\uFEFF');

        static string Quoted(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var escaped = "'" + role;
        Assert.True(csv.Contains("," + escaped + ",", StringComparison.Ordinal) || csv.Contains("," + Quoted(escaped) + ",", StringComparison.Ordinal), csv);
        Assert.DoesNotContain("," + role + ",", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("," + Quoted(role) + ",", csv, StringComparison.Ordinal);
        // Figures stay numbers.
        Assert.Contains(",wemwbs,score,5,42", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-06-01&to=2026-01-01", "from")]
    [InlineData("groupBy=postcode", "groupBy")]
    [InlineData("format=xlsx", "format")]
    public async Task Bad_report_queries_are_400s_naming_the_parameter(string query, string field)
    {
        var response = await factory.Manager().GetAsync($"/api/wellbeing/reports/outcomes?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task Reports_are_for_managers_and_admins_read_no_score()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.LinkWorker().GetAsync("/api/wellbeing/reports/outcomes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Manager().GetAsync("/api/wellbeing/reports/outcomes")).StatusCode);
        // Admins keep the instruments; scores and outcomes are managers' (least privilege).
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Admin().GetAsync("/api/wellbeing/reports/outcomes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Admin().GetAsync($"/api/wellbeing/cases/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Admin().GetAsync($"/api/wellbeing/assessments/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_reports_page_shows_the_outcomes_a_chart_with_its_figures_activity_and_a_csv_link()
    {
        for (var i = 0; i < 5; i++)
        {
            await PairAsync("gp", 3);
        }

        var page = await factory.Manager().GetStringAsync("/reports?groupBy=source");
        var forbidden = await factory.LinkWorker().GetAsync("/reports");
        var mistaken = await factory.Manager().GetAsync("/reports?from=yesterday");

        Assert.Contains("<td class=\"nhsuk-table__cell\">gp</td>", page, StringComparison.Ordinal);
        Assert.Contains("3 (", page, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", page, StringComparison.Ordinal);
        Assert.Contains("format=csv", page, StringComparison.Ordinal);
        Assert.Contains("Referrals by channel", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mistaken.StatusCode);
        Assert.Contains("href=\"#from\"", await mistaken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_is_counted_once_in_the_period_of_their_latest_score_and_under_their_current_link_worker()
    {
        var cases = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var caseId = await factory.OpenCaseAsync();
            cases.Add(caseId);
            var client = factory.Manager();
            await client.PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "wemwbs", [.. Enumerable.Repeat(3, 14)], completedOn: Day(90)));
            await client.PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "wemwbs", [.. Enumerable.Repeat(2, 14)], "followup", completedOn: Day(40)));
            await client.PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "wemwbs", [.. Enumerable.Repeat(4, 14)], "followup", completedOn: Day(5)));
            var assigned = new Contracts.CaseAssigned(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [], "lw-9");
            await factory.PublishAsync(assigned);
            await factory.WaitForInboxAsync(assigned.Id);
        }

        var earlier = await factory.Manager().GetFromJsonAsync<JsonObject>($"/api/wellbeing/reports/outcomes?from={Day(60)}&to={Day(20)}");
        var recent = await factory.Manager().GetFromJsonAsync<JsonObject>($"/api/wellbeing/reports/outcomes?from={Day(10)}&to={Day(0)}&groupBy=linkWorker");

        Assert.Empty(earlier!["outcomes"]!.AsArray());
        var row = Assert.Single(recent!["outcomes"]!.AsArray())!;
        Assert.Equal("lw-9", row["group"]!.GetValue<string>());
        Assert.Equal(14m, row["meanChange"]!.GetValue<decimal>());
        Assert.Equal(5, row["meaningfulImprovement"]!.GetValue<int>());
    }
}
