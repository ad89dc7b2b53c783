using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>The journey's rules on the aggregate itself.</summary>
public sealed class JourneyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_case_walks_the_seven_steps_in_order_and_closes_at_Outcomes()
    {
        var found = NewCase();
        var steps = Case.Journey.Skip(1).ToList();
        IReadOnlyList<IIntegrationEvent> events = [];
        foreach (var step in steps)
        {
            events = found.MoveTo(step, "lw-1", null, Now);
        }

        Assert.Equal(CaseStep.Outcomes, found.Step);
        Assert.True(found.IsClosed);
        Assert.Empty(found.AllowedNextSteps);
        Assert.Equal(steps.Count, found.History.Count);
        var closed = Assert.IsType<CaseClosed>(events[1]);
        Assert.Equal("Outcomes", closed.Outcome);
        Assert.Equal([found.ReferralId], closed.ReferralIds);
    }

    [Fact]
    public void Skipping_a_step_is_refused_naming_what_is_allowed()
    {
        var found = NewCase();

        var refused = Assert.Throws<IllegalStepException>(() => found.MoveTo(CaseStep.SocialPrescription, "lw-1", null, Now));

        Assert.Equal([CaseStep.AssessmentArranged, .. Case.Exits], refused.Allowed);
        Assert.Equal(CaseStep.Referral, found.Step);
        Assert.Empty(found.History);
    }

    [Theory]
    [InlineData(CaseStep.Declined)]
    [InlineData(CaseStep.UnableToContact)]
    [InlineData(CaseStep.NotAppropriate)]
    [InlineData(CaseStep.Withdrawn)]
    public void Exits_are_open_from_any_step_but_need_a_reason(CaseStep exit)
    {
        var found = NewCase();
        found.MoveTo(CaseStep.AssessmentArranged, "lw-1", null, Now);

        Assert.Throws<StepEvidenceMissingException>(() => found.MoveTo(exit, "lw-1", "  ", Now));
        var events = found.MoveTo(exit, "lw-1", "Moved away", Now);

        Assert.True(found.IsClosed);
        Assert.Equal(exit.ToString(), Assert.IsType<CaseClosed>(events[1]).Outcome);
        Assert.Equal("Moved away", found.History[^1].Reason);
        Assert.Throws<IllegalStepException>(() => found.MoveTo(CaseStep.BaselineMetrics, "lw-1", null, Now));
    }

    [Fact]
    public void Assigning_tells_who_holds_the_case_once_and_never_after_it_closed()
    {
        var found = NewCase();

        var assigned = found.AssignTo("lw-2", Now);

        Assert.Equal("lw-2", assigned!.AssignedTo);
        Assert.Null(found.AssignTo("lw-2", Now));
        found.MoveTo(CaseStep.Declined, "lw-2", "Said no thank you", Now);
        Assert.Throws<CaseClosedException>(() => found.AssignTo("lw-3", Now));
    }

    [Fact]
    public void Withdrawing_the_only_referral_closes_the_case_as_Withdrawn_with_its_events()
    {
        var found = NewCase();

        var events = found.WithdrawReferral(found.ReferralId, Now);

        Assert.Equal(CaseStep.Withdrawn, found.Step);
        Assert.Equal(Case.ReferrerActor, found.History.Single().By);
        Assert.Contains(events, e => e is CaseClosed { Outcome: "Withdrawn" });
    }

    private static Case NewCase() => Case.Open(
        new ReferralSubmitted(Guid.NewGuid(), Now, Guid.NewGuid(), "SP-AB2C-D3EF", "self", "self", ["money"], false,
            new ReferralConsent(true, "none"), Guid.NewGuid()),
        "north", Now);
}

/// <summary>The journey through the API: moves, refusals as problems, assignment by managers.</summary>
[Collection(CaseCollection.Name)]
public sealed class JourneyApiTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_link_worker_moves_a_case_on_and_the_case_keeps_who_when_and_why()
    {
        var id = await factory.OpenCaseAsync("SP-JR1A-B2CD", area: "LS1");

        var response = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/steps", new { to = "AssessmentArranged", reason = "Phoned, meeting on Tuesday" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("AssessmentArranged", view!["step"]!.GetValue<string>());
        var change = view["history"]!.AsArray().Single()!;
        Assert.Equal("Referral", change["from"]!.GetValue<string>());
        Assert.Equal("lw-north", change["by"]!.GetValue<string>());
        Assert.Equal("Phoned, meeting on Tuesday", change["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_illegal_move_is_409_naming_the_allowed_next_steps()
    {
        var id = await factory.OpenCaseAsync("SP-JR3E-F4GH", area: "LS1");

        var response = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/steps", new { to = "Outcomes" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var allowed = problem!["allowedNextSteps"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(["AssessmentArranged", "Declined", "UnableToContact", "NotAppropriate", "Withdrawn"], allowed);
    }

    [Fact]
    public async Task An_exit_without_a_reason_is_409_saying_what_is_missing()
    {
        var id = await factory.OpenCaseAsync("SP-JR5J-K6LM", area: "LS1");

        var response = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/steps", new { to = "Declined" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("reason", (await response.Content.ReadFromJsonAsync<JsonObject>())!["missing"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"to\":\"Sleeping\"}", "to")]
    [InlineData("{\"to\":3}", "to")]
    [InlineData("{}", "to")]
    [InlineData("{\"to\":\"Declined\",\"reason\":42}", "reason")]
    public async Task A_bad_move_is_400_naming_the_field(string body, string field)
    {
        var id = await factory.OpenCaseAsync("SP-JR7N-P8QR", area: "LS1");

        var response = await LinkWorker().PostAsync($"/api/cases/{id}/steps", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_another_teams_case_is_404()
    {
        var id = await factory.OpenCaseAsync("SP-JR9S-T2UV", area: "LS1");

        var wrongType = await LinkWorker().PostAsync($"/api/cases/{id}/steps", new StringContent("to=Declined", Encoding.UTF8, "text/plain"));
        var otherTeam = await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south", subject: "lw-south"))
            .PostAsJsonAsync($"/api/cases/{id}/steps", new { to = "AssessmentArranged" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTeam.StatusCode);
    }

    [Fact]
    public async Task A_manager_assigns_a_case_and_a_link_worker_may_not()
    {
        var id = await factory.OpenCaseAsync("SP-JS2W-X3YZ", area: "LS1");

        var byLinkWorker = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-north" });
        var missing = await Manager().PostAsJsonAsync($"/api/cases/{id}/assign", new { });
        var byManager = await Manager().PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-north" });

        Assert.Equal(HttpStatusCode.Forbidden, byLinkWorker.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byManager.StatusCode);
        var mine = await LinkWorker().GetFromJsonAsync<JsonObject>("/api/cases?assignedTo=lw-north");
        Assert.Equal(id, mine!["items"]![0]!["id"]!.GetValue<Guid>());
    }

    private HttpClient LinkWorker() => factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));

    private HttpClient Manager() => factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "manager-1"));
}
