using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.CaseManagement.Features.Safeguarding;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>
/// Safeguarding concerns through the API on the real database and broker: raised on a case, the lead's queue and decision,
/// who may read them, the overdue alert; and risk recorded at a contact making the case urgent again.
/// </summary>
[Collection(CaseCollection.Name)]
public sealed class SafeguardingTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_urgent_concern_comes_first_in_the_lead_s_queue_due_within_the_hour_and_the_lead_s_decision_closes_it_on_the_case()
    {
        var id = await factory.OpenCaseAsync("SP-SG1A-B2CD", area: "LS1");
        var told = BrokerListener<SafeguardingConcernRaised>.Start(factory.Services);
        var routine = await Raise(id, Concern(danger: false, category: "financial", description: "Her nephew takes her pension each week."));
        var before = DateTimeOffset.UtcNow;
        var urgent = await Raise(id, Concern(danger: true, category: "physical", description: "Bruises on both arms; says her partner hit her last night."));

        Assert.Equal(HttpStatusCode.Created, urgent.StatusCode);
        var raised = (await urgent.Content.ReadFromJsonAsync<JsonObject>())!;
        var concernId = raised["id"]!.GetValue<Guid>();
        Assert.True(raised["urgent"]!.GetValue<bool>());
        var dueBy = raised["dueBy"]!.GetValue<DateTimeOffset>();
        Assert.InRange(dueBy, before.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.True((await routine.Content.ReadFromJsonAsync<JsonObject>())!["dueBy"]!.GetValue<DateTimeOffset>() > dueBy.AddHours(12));
        var published = await told.ReadAsync(m => m.ConcernId == concernId);
        Assert.Equal((id, "SP-SG1A-B2CD", "north", true), (published.CaseId, published.Reference, published.Team, published.Urgent));
        Assert.DoesNotContain("Bruises", JsonSerializer.Serialize(published), StringComparison.Ordinal); // ids and times only

        var queue = (await Lead().GetFromJsonAsync<JsonArray>("/api/safeguarding/concerns?open=true"))!;
        Assert.Equal(2, queue.Count);
        Assert.Equal(concernId, queue[0]!["id"]!.GetValue<Guid>());
        Assert.Equal("Physical abuse", queue[0]!["categoryName"]!.GetValue<string>());

        var decided = await Lead().PostAsJsonAsync($"/api/safeguarding/concerns/{concernId}/decision",
            new { decision = "localAuthorityReferral", reference = "LA-2026-0042", reason = "Adult at risk of physical abuse; referred under section 42." });
        var again = await Lead().PostAsJsonAsync($"/api/safeguarding/concerns/{concernId}/decision", new { decision = "advice", reason = "Second thoughts." });

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Single((await Lead().GetFromJsonAsync<JsonArray>("/api/safeguarding/concerns?open=true"))!);
        var onCase = (await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!["concerns"]!.AsArray();
        var closed = onCase.Single(c => c!["id"]!.GetValue<Guid>() == concernId)!;
        Assert.Equal(("localAuthorityReferral", "LA-2026-0042", false), (closed["decision"]!.GetValue<string>(), closed["reference"]!.GetValue<string>(), closed["open"]!.GetValue<bool>()));
        // Every step is on the case's audit trail: raised twice, read by the lead, decided once (the refused second decision is not).
        var actions = (await Manager().GetFromJsonAsync<JsonArray>($"/api/cases/{id}/audit"))!.Select(a => a!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(2, actions.Count(a => a == SafeguardingHandler.AuditRaised));
        Assert.Contains(SafeguardingHandler.AuditRead, actions);
        Assert.Equal(1, actions.Count(a => a == SafeguardingHandler.AuditDecided));
    }

    [Fact]
    public async Task A_concern_without_category_or_description_is_400_naming_both_and_stores_nothing()
    {
        var id = await factory.OpenCaseAsync("SP-SG2A-B2CD", area: "LS1");

        var missing = await Raise(id, new { subject = "adult", personAware = true, consent = true, immediateDanger = false });
        var childCategory = await Raise(id, Concern(danger: false, subject: "child", category: "financial", description: "x"));
        var unknownSubject = await Raise(id, Concern(danger: false, subject: "pet", category: "physical", description: "x"));
        var noDangerAnswer = await Raise(id, new { subject = "adult", category = "neglect", description = "No food in the house.", personAware = true, consent = false });
        var tooLong = await Raise(id, Concern(danger: false, category: "neglect", description: new string('x', 4001)));
        var notJson = await LinkWorker().PostAsync($"/api/cases/{id}/concerns", new StringContent("subject=adult", Encoding.UTF8, "text/plain"));

        var errors = await ErrorsAsync(missing);
        Assert.Contains("category", errors.Keys);
        Assert.Contains("description", errors.Keys);
        Assert.Contains("category", (await ErrorsAsync(childCategory)).Keys);
        Assert.Contains("subject", (await ErrorsAsync(unknownSubject)).Keys);
        Assert.Contains("immediateDanger", (await ErrorsAsync(noDangerAnswer)).Keys);
        Assert.Contains("description", (await ErrorsAsync(tooLong)).Keys);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Empty((await Manager().GetFromJsonAsync<JsonArray>("/api/safeguarding/concerns"))!);
    }

    [Fact]
    public async Task Only_the_lead_the_case_s_team_and_managers_read_a_concern_and_only_the_lead_decides_everyone_else_404()
    {
        var id = await factory.OpenCaseAsync("SP-SG3A-B2CD", area: "LS1");
        var concernId = (await (await Raise(id, Concern(danger: false, category: "selfNeglect", description: "Hoarding; no heating.")))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var decision = new { decision = "advice", reason = "Advice on heating grants given to the link worker." };

        foreach (var (who, client) in new[] { ("lead", Lead()), ("manager", Manager()), ("linkworker of the team", LinkWorker()) })
        {
            Assert.True(HttpStatusCode.OK == (await client.GetAsync($"/api/safeguarding/concerns/{concernId}")).StatusCode, who);
        }

        var southWorker = Client("linkworker", "south", "lw-south");
        foreach (var (who, client) in new[] { ("linkworker of another team", southWorker), ("provider", Client("provider")), ("admin", Client("admin")), ("call handler", Client("callhandler")) })
        {
            Assert.True(HttpStatusCode.NotFound == (await client.GetAsync($"/api/safeguarding/concerns/{concernId}")).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await client.PostAsJsonAsync($"/api/safeguarding/concerns/{concernId}/decision", decision)).StatusCode, who);
        }

        Assert.Empty((await southWorker.GetFromJsonAsync<JsonArray>("/api/safeguarding/concerns"))!);
        Assert.Empty((await Client("provider").GetFromJsonAsync<JsonArray>("/api/safeguarding/concerns"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await southWorker.PostAsJsonAsync($"/api/cases/{id}/concerns", Concern(false, "neglect", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await LinkWorker().PostAsJsonAsync($"/api/safeguarding/concerns/{concernId}/decision", decision)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager().PostAsJsonAsync($"/api/safeguarding/concerns/{concernId}/decision", decision)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Lead().PostAsJsonAsync($"/api/safeguarding/concerns/{Guid.NewGuid()}/decision", decision)).StatusCode);
        var noReference = await Lead().PostAsJsonAsync($"/api/safeguarding/concerns/{concernId}/decision", new { decision = "localAuthorityReferral", reason = "Referred." });
        var unknownField = await Lead().PostAsJsonAsync($"/api/safeguarding/concerns/{concernId}/decision", new { decision = "advice", reason = "Fine.", closeCase = true });
        Assert.Contains("reference", (await ErrorsAsync(noReference)).Keys);
        Assert.Contains("closeCase", (await ErrorsAsync(unknownField)).Keys);
        Assert.True((await Lead().GetFromJsonAsync<JsonObject>($"/api/safeguarding/concerns/{concernId}"))!["open"]!.GetValue<bool>()); // nothing stored
        Assert.Equal(HttpStatusCode.OK, (await Lead().PostAsJsonAsync($"/api/safeguarding/concerns/{concernId}/decision", decision)).StatusCode);
    }

    [Fact]
    public async Task A_concern_past_its_due_time_tells_the_managers_once_and_a_decided_one_never()
    {
        var id = await factory.OpenCaseAsync("SP-SG4A-B2CD", area: "LS1");
        var overdue = BrokerListener<SafeguardingConcernOverdue>.Start(factory.Services);
        var late = await ConcernIdAsync(await Raise(id, Concern(danger: true, category: "domesticAbuse", description: "Says she is afraid to go home.")));
        var decided = await ConcernIdAsync(await Raise(id, Concern(danger: true, category: "psychological", description: "Threatened by a neighbour.")));
        await Lead().PostAsJsonAsync($"/api/safeguarding/concerns/{decided}/decision", new { decision = "noFurtherAction", reason = "Police already involved; nothing further for us." });
        await factory.ExecuteAsync("UPDATE safeguarding_concerns SET due_by = now() - interval '5 minutes'");
        var watcher = factory.Services.GetRequiredService<SafetyDeadlineWatcher>();

        var first = await watcher.CheckAsync(CancellationToken.None);
        var second = await watcher.CheckAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first, second));
        var message = await overdue.ReadAsync(m => m.CaseId == id);
        Assert.Equal((late, "SP-SG4A-B2CD", "north", true), (message.ConcernId, message.Reference, message.Team, message.Urgent));
        Assert.True((await Lead().GetFromJsonAsync<JsonObject>($"/api/safeguarding/concerns/{late}"))!["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Risk_recorded_at_a_contact_makes_the_case_urgent_again_with_a_same_day_review_escalated_when_not_done()
    {
        var id = await factory.OpenCaseAsync("SP-SG5A-B2CD", area: "LS1");
        var escalated = BrokerListener<SameDayReviewOverdue>.Start(factory.Services);
        Assert.False((await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!["urgent"]!.GetValue<bool>());

        var refused = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/contacts", new { outcome = "noAnswer", risk = true });
        var recorded = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/contacts", new { outcome = "reached", mode = "phone", risk = true, note = "Talked about ending it all." });

        Assert.Contains("risk", (await ErrorsAsync(refused)).Keys);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var found = (await recorded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(found["urgent"]!.GetValue<bool>());
        Assert.True(found["contacts"]!.AsArray().Single()!["risk"]!.GetValue<bool>());
        Assert.NotNull(found["sameDayReviewDueBy"]);
        var review = found["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "risk-review")!;
        Assert.True(review["dueBy"]!.GetValue<DateTimeOffset>() <= DateTimeOffset.UtcNow.AddDays(1));

        await factory.ExecuteAsync("UPDATE case_tasks SET due_by = now() - interval '1 minute' WHERE kind = 'risk-review'");
        var watcher = factory.Services.GetRequiredService<SafetyDeadlineWatcher>();
        Assert.Equal(1, await watcher.CheckAsync(CancellationToken.None));
        Assert.Equal(0, await watcher.CheckAsync(CancellationToken.None));
        var message = await escalated.ReadAsync(m => m.CaseId == id);
        Assert.Equal((review["id"]!.GetValue<Guid>(), "SP-SG5A-B2CD", "north"), (message.TaskId, message.Reference, message.Team));
        Assert.DoesNotContain("ending", JsonSerializer.Serialize(message), StringComparison.Ordinal);

        var done = await LinkWorker().PostAsync($"/api/cases/{id}/tasks/{review["id"]}/done", null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Null((await done.Content.ReadFromJsonAsync<JsonObject>())!["sameDayReviewDueBy"]);
    }

    [Fact]
    public async Task A_concern_a_call_handler_raised_with_a_phone_referral_is_on_the_new_case_and_the_leads_are_told()
    {
        var told = BrokerListener<SafeguardingConcernRaised>.Start(factory.Services);
        var submitted = new ReferralSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "SP-SG6A-B2CD", "phone", "phone", ["loneliness"], false,
            new ReferralConsent(true, "none"), Guid.NewGuid(), "LS1",
            Concern: new IntakeConcern("child", "neglect", "Grandson of 6 left alone overnight.", true, false, true, "cara-callhandler"));

        await factory.Services.GetRequiredService<IBus>().Publish(submitted, ctx => ctx.MessageId = submitted.Id);
        var id = await factory.WaitForCaseAsync("SP-SG6A-B2CD");

        var concern = Assert.Single((await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!["concerns"]!.AsArray())!;
        Assert.Equal(("child", "neglect", "cara-callhandler", true), (concern["subject"]!.GetValue<string>(), concern["category"]!.GetValue<string>(),
            concern["raisedBy"]!.GetValue<string>(), concern["urgent"]!.GetValue<bool>()));
        Assert.Equal(id, (await told.ReadAsync(m => m.ConcernId == concern["id"]!.GetValue<Guid>())).CaseId);
        var audit = (await Manager().GetFromJsonAsync<JsonArray>($"/api/cases/{id}/audit"))!;
        Assert.Contains(audit, a => a!["action"]!.GetValue<string>() == SafeguardingHandler.AuditRaised && a["actor"]!.GetValue<string>() == "cara-callhandler");
    }

    private static object Concern(bool danger, string category, string description, string subject = "adult") =>
        new { subject, category, description, personAware = true, consent = false, immediateDanger = danger };

    private Task<HttpResponseMessage> Raise(Guid caseId, object concern) => LinkWorker().PostAsJsonAsync($"/api/cases/{caseId}/concerns", concern);

    private static async Task<Guid> ConcernIdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

    private static async Task<IReadOnlyDictionary<string, JsonNode?>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value);
    }

    private HttpClient Client(string role, string? team = null, string? subject = null) =>
        factory.CreateClientWithToken(TestTokens.For(role: role, team: team, subject: subject ?? role + "-1"));

    private HttpClient LinkWorker() => Client("linkworker", "north", "lw-north");

    private HttpClient Manager() => Client("manager", subject: "manager-1");

    private HttpClient Lead() => Client("safeguarding", subject: "lead-1");
}
