using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.WellbeingMetrics.Tests;

/// <summary>The monthly activity return, from real case events and assessments: counted, never named, under 5 suppressed.</summary>
[Collection(WellbeingCollection.Name)]
public sealed class ActivityReturnTests(WellbeingFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_return_counts_referrals_by_source_and_practice_people_seen_and_declines_and_suppresses_small_figures()
    {
        var month = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var cases = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            cases.Add(await OpenAsync(month.AddDays(i), "gp", "Y12345"));
        }

        await OpenAsync(month.AddDays(2), "self", null);
        await OpenAsync(month.AddMonths(1), "gp", "Y12345"); // the next month: not counted
        foreach (var id in cases.Take(5))
        {
            await PublishAsync(new CaseStepChanged(Guid.NewGuid(), month.AddDays(10), id, [Guid.NewGuid()], CaseSteps.Referral, CaseSteps.AssessmentArranged));
        }

        await PublishAsync(new CaseClosed(Guid.NewGuid(), month.AddDays(12), cases[5], [Guid.NewGuid()], CaseSteps.Declined));

        var rows = (await factory.Manager().GetFromJsonAsync<JsonArray>("/api/wellbeing/reports/activity-return?month=2026-10&format=json"))!;
        var csv = (await factory.Manager().GetStringAsync("/api/wellbeing/reports/activity-return?month=2026-10")).TrimStart('\uFEFF');

        JsonNode Row(string measure, string breakdown, string group) => rows.Single(r =>
            r!["measure"]!.GetValue<string>() == measure && r["breakdown"]!.GetValue<string>() == breakdown && r["group"]!.GetValue<string>() == group)!;
        Assert.Equal(7, Row("referrals_received", "all", "all")["value"]!.GetValue<int>());
        Assert.Equal(6, Row("referrals_received", "source", "gp")["value"]!.GetValue<int>());
        Assert.Equal(6, Row("referrals_received", "gp_practice", "Y12345")["value"]!.GetValue<int>());
        Assert.True(Row("referrals_received", "source", "self")["suppressed"]!.GetValue<bool>());
        Assert.Null(Row("referrals_received", "source", "self")["value"]);
        Assert.True(Row("referrals_received", "gp_practice", "not known")["suppressed"]!.GetValue<bool>());
        Assert.Equal(5, Row("people_seen", "all", "all")["value"]!.GetValue<int>());
        var referred = Row("snomed_codes_used", "code", "Referral to social prescribing service");
        Assert.Equal(("871731000000106", 5), (referred["code"]!.GetValue<string>(), referred["value"]!.GetValue<int>()));
        // One person declined: too few to show.
        Assert.True(Row("declined", "all", "all")["suppressed"]!.GetValue<bool>());
        Assert.StartsWith("period,measure,breakdown,group,snomed_ct_code,value,suppressed", csv, StringComparison.Ordinal);
        Assert.Contains("2026-10,referrals_received,gp_practice,Y12345,,6,no", csv, StringComparison.Ordinal);
        Assert.Contains("2026-10,declined,all,all,,,fewer than 5", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_month_is_400_and_only_managers_may_read_it()
    {
        foreach (var month in new[] { "2026-13", "October", "2999-01" })
        {
            var response = await factory.Manager().GetAsync($"/api/wellbeing/reports/activity-return?month={month}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await factory.Manager().GetAsync("/api/wellbeing/reports/activity-return?format=xml")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/wellbeing/reports/activity-return")).StatusCode);
    }

    private async Task<Guid> OpenAsync(DateTimeOffset at, string source, string? practice)
    {
        var caseId = Guid.NewGuid();
        await PublishAsync(new CaseOpened(Guid.NewGuid(), at, caseId, Guid.NewGuid(), "SP-TEST", false, source == "self" ? "self" : "professional", source, ["loneliness"],
            WellbeingFactory.Team, GpPractice: practice));
        return caseId;
    }

    private async Task PublishAsync<T>(T message)
        where T : class, IIntegrationEvent
    {
        await factory.PublishAsync(message);
        await factory.WaitForInboxAsync(message.Id);
    }
}
