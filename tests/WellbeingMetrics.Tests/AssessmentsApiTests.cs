using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.WellbeingMetrics.Tests;

/// <summary>Recording questionnaires through the API, against a real PostgreSQL and RabbitMQ.</summary>
[Collection(WellbeingCollection.Name)]
public sealed class AssessmentsApiTests(WellbeingFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    public static JsonObject Body(Guid caseId, string instrument, int[] responses, string timepoint = "baseline", string mode = "faceToFace", string? completedOn = null) => new()
    {
        ["caseId"] = caseId,
        ["instrument"] = instrument,
        ["timepoint"] = timepoint,
        ["mode"] = mode,
        ["responses"] = new JsonArray([.. responses.Select(r => (JsonNode)r)]),
        ["completedOn"] = completedOn ?? Today,
    };

    [Fact]
    public async Task A_baseline_is_scored_stored_and_published()
    {
        var caseId = await factory.OpenCaseAsync();
        var recorded = BrokerListener<WellbeingRecorded>.Start(factory.Services);

        var response = await factory.LinkWorker().PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "wemwbs", [.. Enumerable.Repeat(3, 13), 1]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var id = body!["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/wellbeing/assessments/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(40, body["score"]!["raw"]!.GetValue<int>());
        Assert.Equal("lw-1", body["recordedBy"]!.GetValue<string>());
        var published = await recorded.ReadAsync(e => e.AssessmentId == id);
        Assert.Equal((caseId, "wemwbs", "baseline", 40m), (published.CaseId, published.Instrument, published.Timepoint, published.Score));
    }

    [Fact]
    public async Task Swemwbs_reports_the_metric_score_to_two_decimals()
    {
        var caseId = await factory.OpenCaseAsync();

        var response = await factory.LinkWorker().PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "swemwbs", [3, 3, 3, 3, 3, 3, 3]));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("\"raw\":21", text, StringComparison.Ordinal);
        Assert.Contains("\"metric\":19.25", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("responses", "wemwbs", "[3,3,3]")]
    [InlineData("responses[3]", "ons4", "[5,5,5,11]")]
    [InlineData("responses[1]", "ons4", "[5,\"five\",5,5]")]
    [InlineData("responses[2]", "ucla3", "[1,2,2.5]")]
    [InlineData("instrument", "pam", "[1,2,3]")]
    public async Task Bad_answers_are_400s_naming_the_item_and_store_nothing(string field, string instrument, string responses)
    {
        var caseId = await factory.OpenCaseAsync();
        var json = Body(caseId, instrument, []);
        json["responses"] = JsonNode.Parse(responses);

        var problem = await PostProblemAsync(factory.LinkWorker(), json.ToJsonString());

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Equal(0, await factory.QueryAsync(db => db.Assessments.CountAsync()));
    }

    [Theory]
    [InlineData("completedOn", "2999-01-01")]
    [InlineData("completedOn", "yesterday")]
    [InlineData("timepoint", "midway")]
    [InlineData("mode", "email")]
    [InlineData("followUp", "x")]
    public async Task Bad_fields_are_400s_naming_the_field(string field, string value)
    {
        var caseId = await factory.OpenCaseAsync();
        var json = Body(caseId, "ucla3", [1, 2, 3]);
        json[field] = value;

        var problem = await PostProblemAsync(factory.LinkWorker(), json.ToJsonString());

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task Unknown_fields_missing_fields_and_non_objects_are_refused()
    {
        var caseId = await factory.OpenCaseAsync();
        var json = Body(caseId, "ucla3", [1, 2, 3]);
        json["score"] = 99;
        json.Remove("mode");

        var problem = await PostProblemAsync(factory.LinkWorker(), json.ToJsonString());
        Assert.True(problem["errors"]!.AsObject().ContainsKey("score"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("mode"));

        var notObject = await PostProblemAsync(factory.LinkWorker(), "[1,2,3]");
        Assert.True(notObject["errors"]!.AsObject().ContainsKey("$"));
    }

    [Fact]
    public async Task Wrong_media_type_is_415_and_huge_bodies_413()
    {
        var client = factory.LinkWorker();

        var text = await client.PostAsync("/api/wellbeing/assessments", new StringContent("{}", Encoding.UTF8, "text/plain"));
        var huge = await client.PostAsync("/api/wellbeing/assessments", new StringContent($"{{\"x\":\"{new string('a', 1024 * 1024)}\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Scores_for_unknown_cases_and_other_teams_cases_are_refused()
    {
        var theirs = await factory.OpenCaseAsync(team: "leeds-south");

        var unknown = await PostProblemAsync(factory.LinkWorker(), Body(Guid.NewGuid(), "ucla3", [1, 2, 3]).ToJsonString());
        var otherTeam = await PostProblemAsync(factory.LinkWorker(), Body(theirs, "ucla3", [1, 2, 3]).ToJsonString());

        Assert.True(unknown["errors"]!.AsObject().ContainsKey("caseId"));
        Assert.True(otherTeam["errors"]!.AsObject().ContainsKey("caseId"));
        Assert.Equal(HttpStatusCode.Created, (await factory.Manager().PostAsJsonAsync("/api/wellbeing/assessments", Body(theirs, "ucla3", [1, 2, 3]))).StatusCode);
    }

    [Fact]
    public async Task Only_link_workers_and_managers_record_scores()
    {
        var caseId = await factory.OpenCaseAsync();

        var anonymous = await factory.CreateClient().PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "ucla3", [1, 2, 3]));
        var provider = await factory.CreateClientWithToken(TestTokens.For(role: "provider")).PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "ucla3", [1, 2, 3]));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, provider.StatusCode);
    }

    [Fact]
    public async Task A_second_baseline_is_refused_and_follow_ups_are_numbered_in_turn()
    {
        var caseId = await factory.OpenCaseAsync();
        var client = factory.LinkWorker();
        await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "ucla3", [3, 3, 3]));

        var again = await PostProblemAsync(client, Body(caseId, "ucla3", [3, 3, 2]).ToJsonString());
        var first = await (await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "ucla3", [2, 3, 3], "followup"))).Content.ReadFromJsonAsync<JsonObject>();
        var second = await (await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "ucla3", [2, 2, 3], "followup"))).Content.ReadFromJsonAsync<JsonObject>();

        Assert.True(again["errors"]!.AsObject().ContainsKey("timepoint"));
        Assert.Equal(1, first!["followUp"]!.GetValue<int>());
        Assert.Equal(2, second!["followUp"]!.GetValue<int>());
    }

    [Fact]
    public async Task Case_summary_shows_change_whether_it_is_meaningful_and_an_explanation()
    {
        var caseId = await factory.OpenCaseAsync();
        var client = factory.LinkWorker();
        await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "wemwbs", [.. Enumerable.Repeat(3, 13), 1], completedOn: DateTime.UtcNow.AddDays(-60).ToString("yyyy-MM-dd")));
        await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "wemwbs", [.. Enumerable.Repeat(3, 12), 5, 5], "followup"));
        await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "swemwbs", [3, 3, 3, 3, 3, 3, 3], completedOn: DateTime.UtcNow.AddDays(-60).ToString("yyyy-MM-dd")));
        await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "swemwbs", [4, 4, 4, 4, 3, 3, 3], "final"));

        var summary = await client.GetFromJsonAsync<JsonObject>($"/api/wellbeing/cases/{caseId}");

        Assert.Equal(4, summary!["assessments"]!.AsArray().Count);
        var wemwbs = Instrument(summary, "wemwbs");
        Assert.Equal(40m, wemwbs["baseline"]!["value"]!.GetValue<decimal>());
        Assert.Equal(46m, wemwbs["latest"]!["value"]!.GetValue<decimal>());
        Assert.Equal(6m, wemwbs["change"]!.GetValue<decimal>());
        Assert.True(wemwbs["meaningfulChange"]!.GetValue<bool>());
        Assert.Contains("real improvement", wemwbs["explanation"]!.GetValue<string>());
        var swemwbs = Instrument(summary, "swemwbs");
        Assert.Equal(3.10m, swemwbs["change"]!.GetValue<decimal>()); // 19.25 → 22.35
        Assert.Equal("reliable", swemwbs["changeSize"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_follow_up_without_a_baseline_is_kept_but_no_change_is_claimed()
    {
        var caseId = await factory.OpenCaseAsync();
        var client = factory.LinkWorker();
        await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "wemwbs", [.. Enumerable.Repeat(4, 14)], "followup"));

        var ucla = Instrument((await client.GetFromJsonAsync<JsonObject>($"/api/wellbeing/cases/{caseId}"))!, "wemwbs");

        Assert.Null(ucla["baseline"]);
        Assert.Null(ucla["change"]);
        Assert.Null(ucla["meaningfulChange"]);
        Assert.Contains("no starting", ucla["explanation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ons4_items_are_followed_one_by_one_with_no_threshold_claim()
    {
        var caseId = await factory.OpenCaseAsync();
        var client = factory.LinkWorker();
        await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "ons4", [4, 5, 3, 8], completedOn: DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd")));
        await client.PostAsJsonAsync("/api/wellbeing/assessments", Body(caseId, "ons4", [7, 7, 6, 3], "followup"));

        var ons = Instrument((await client.GetFromJsonAsync<JsonObject>($"/api/wellbeing/cases/{caseId}"))!, "ons4");

        var anxiety = ons["items"]!.AsArray().Single(i => i!["key"]!.GetValue<string>() == "anxiety")!;
        Assert.Equal(-5m, anxiety["change"]!.GetValue<decimal>());
        Assert.Equal("better", anxiety["direction"]!.GetValue<string>());
        Assert.Equal("low", anxiety["band"]!.GetValue<string>());
        Assert.Null(ons["meaningfulChange"]);
        Assert.Contains("Life satisfaction: 4 at the start, now 7 ('high')", ons["explanation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Summaries_are_only_for_those_who_may_see_the_case_and_each_read_is_audited()
    {
        var caseId = await factory.OpenCaseAsync();

        var otherTeam = await factory.LinkWorker(team: "leeds-south").GetAsync($"/api/wellbeing/cases/{caseId}");
        var unknown = await factory.Manager().GetAsync($"/api/wellbeing/cases/{Guid.NewGuid()}");
        var mine = await factory.LinkWorker().GetAsync($"/api/wellbeing/cases/{caseId}");

        Assert.Equal(HttpStatusCode.NotFound, otherTeam.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>().CountAsync(a => a.ResourceId == caseId && a.Action == "read")));
    }

    [Fact]
    public async Task Events_of_one_case_arriving_together_are_applied_in_turn_without_a_failed_attempt()
    {
        // Every failed attempt (then retried) logs the database's refusal as an error.
        using var errors = new ErrorCounter(factory.Services.GetRequiredService<ILoggerFactory>());
        var now = DateTimeOffset.UtcNow;
        var cases = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        List<IIntegrationEvent> events = [.. cases.SelectMany(id => new IIntegrationEvent[]
        {
            new CaseOpened(Guid.NewGuid(), now, id, Guid.NewGuid(), "SP-TOGETHER", false, "self", "self", ["money"], WellbeingFactory.Team),
            new CaseAssigned(Guid.NewGuid(), now, id, [], "lw-together"),
            new CaseStepChanged(Guid.NewGuid(), now.AddSeconds(1), id, [], "Referral", "AssessmentArranged"),
        })];

        await Task.WhenAll(events.Select(e => e switch
        {
            CaseOpened opened => factory.PublishAsync(opened),
            CaseAssigned assigned => factory.PublishAsync(assigned),
            CaseStepChanged moved => factory.PublishAsync(moved),
            _ => throw new InvalidOperationException(),
        }));
        foreach (var e in events)
        {
            await factory.WaitForInboxAsync(e.Id);
        }

        var known = await factory.QueryAsync(db => db.Cases.AsNoTracking().Where(c => cases.Contains(c.Id)).ToListAsync());
        Assert.Equal(30, known.Count(c => (c.Reference, c.AssignedTo, c.Step) == ("SP-TOGETHER", "lw-together", "AssessmentArranged")));
        Assert.Equal(0, errors.Count);
    }

    /// <summary>Counts error log entries while it lives.</summary>
    private sealed class ErrorCounter : ILoggerProvider, ILogger
    {
        private int _count;
        private bool _counting = true;

        public ErrorCounter(ILoggerFactory loggers) => loggers.AddProvider(this);

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => _counting && logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Interlocked.Increment(ref _count);
            }
        }

        // The logger factory keeps its providers: this one just stops counting.
        public void Dispose() => _counting = false;
    }

    [Fact]
    public async Task Case_events_in_any_order_give_one_known_case()
    {
        var caseId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var moved = new CaseStepChanged(Guid.NewGuid(), now.AddMinutes(5), caseId, [], "Referral", "AssessmentArranged");
        var opened = new CaseOpened(Guid.NewGuid(), now, caseId, Guid.NewGuid(), "SP-ORDER", false, "self", "self", ["money"], WellbeingFactory.Team);
        var assigned = new CaseAssigned(Guid.NewGuid(), now.AddMinutes(1), caseId, [], "lw-7");

        await factory.PublishAsync(moved);
        await factory.WaitForInboxAsync(moved.Id);
        await factory.PublishAsync(assigned);
        await factory.PublishAsync(opened);
        await factory.WaitForInboxAsync(assigned.Id);
        await factory.WaitForInboxAsync(opened.Id);

        var known = await factory.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        Assert.Equal(("AssessmentArranged", "self", "lw-7", WellbeingFactory.Team), (known.Step, known.Source, known.AssignedTo, known.Team));
        Assert.Equal(now.AddMinutes(5).ToUnixTimeMilliseconds(), known.FirstContactAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(["money"], known.Needs);
    }

    [Fact]
    public async Task A_case_opened_with_its_link_worker_is_known_as_theirs_until_a_later_reassignment()
    {
        var caseId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var opened = new CaseOpened(Guid.NewGuid(), now, caseId, Guid.NewGuid(), "SP-FIRST", false, "self", "self", ["money"], WellbeingFactory.Team, "lw-first");
        var reassigned = new CaseAssigned(Guid.NewGuid(), now.AddMinutes(1), caseId, [], "lw-second");

        await factory.PublishAsync(opened);
        await factory.WaitForInboxAsync(opened.Id);
        var first = await factory.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.AssignedTo).SingleAsync());
        await factory.PublishAsync(reassigned);
        await factory.WaitForInboxAsync(reassigned.Id);

        Assert.Equal("lw-first", first);
        Assert.Equal("lw-second", await factory.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.AssignedTo).SingleAsync()));
    }

    [Fact]
    public async Task A_reassignment_that_arrives_late_does_not_undo_a_newer_one()
    {
        var caseId = await factory.OpenCaseAsync();
        var now = DateTimeOffset.UtcNow;
        var newer = new CaseAssigned(Guid.NewGuid(), now, caseId, [], "lw-new");
        var older = new CaseAssigned(Guid.NewGuid(), now.AddMinutes(-10), caseId, [], "lw-old");

        await factory.PublishAsync(newer);
        await factory.WaitForInboxAsync(newer.Id);
        await factory.PublishAsync(older);
        await factory.WaitForInboxAsync(older.Id);

        Assert.Equal("lw-new", await factory.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.AssignedTo).SingleAsync()));
    }

    private static JsonObject Instrument(JsonObject summary, string id) =>
        summary["instruments"]!.AsArray().Single(i => i!["instrument"]!.GetValue<string>() == id)!.AsObject();

    private static async Task<JsonObject> PostProblemAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/api/wellbeing/assessments", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
