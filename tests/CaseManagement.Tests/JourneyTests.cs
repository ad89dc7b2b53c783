using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

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

        var early = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/steps", new { to = "AssessmentArranged" });
        var booked = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = DateTimeOffset.UtcNow.AddDays(3), mode = "faceToFace", place = "Central library" });
        var response = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/steps", new { to = "AssessmentArranged", reason = "Phoned, meeting on Tuesday" });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("appointment", (await early.Content.ReadFromJsonAsync<JsonObject>())!["missing"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
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
        var stranger = await Manager().PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-north" });
        // Link workers join their team's roster when they first call.
        await LinkWorker().GetAsync("/api/cases");
        var otherTeam = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south", subject: "lw-south"));
        await otherTeam.GetAsync("/api/cases");
        var wrongTeam = await Manager().PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-south" });

        var byLinkWorker = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-north" });
        var missing = await Manager().PostAsJsonAsync($"/api/cases/{id}/assign", new { });
        var byManager = await Manager().PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-north" });

        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongTeam.StatusCode);
        Assert.Contains("north", (await wrongTeam.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["assignedTo"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byLinkWorker.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byManager.StatusCode);
        var mine = await LinkWorker().GetFromJsonAsync<JsonObject>("/api/cases?assignedTo=lw-north");
        Assert.Equal(id, mine!["items"]![0]!["id"]!.GetValue<Guid>());
    }

    private HttpClient LinkWorker() => factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));

    private HttpClient Manager() => factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "manager-1"));
}
