using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>A link worker sees their own team's cases and nothing else; managers see every case.</summary>
[Collection(CaseCollection.Name)]
public sealed class TeamScopingTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Cases_go_to_the_team_covering_the_area_and_only_that_team_lists_them()
    {
        await factory.OpenCaseAsync("SP-N0RT-HLS6", "LS6");
        await factory.OpenCaseAsync("SP-S0UT-HLS1", "LS11");
        await factory.OpenCaseAsync("SP-S0UT-HBD1", "BD1");
        await factory.OpenCaseAsync("SP-N0AR-EA22", null);

        Assert.Equal(["SP-N0AR-EA22", "SP-N0RT-HLS6"], await ReferencesListedFor(TestTokens.For(role: "linkworker", team: "north")));
        Assert.Equal(["SP-S0UT-HBD1", "SP-S0UT-HLS1"], await ReferencesListedFor(TestTokens.For(role: "linkworker", team: "south")));
        Assert.Empty(await ReferencesListedFor(TestTokens.For(role: "linkworker")));
        Assert.Equal(4, (await ReferencesListedFor(TestTokens.For(role: "manager"))).Count);
    }

    [Fact]
    public async Task Another_teams_case_is_404_by_id_and_by_reference()
    {
        var southCase = await factory.OpenCaseAsync("SP-S0UT-H0NL", "LS11");
        var north = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"));
        var south = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south"));

        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"/api/cases/{southCase}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync("/api/cases/by-reference/SP-S0UT-H0NL")).StatusCode);
        var seen = await south.GetFromJsonAsync<JsonObject>($"/api/cases/{southCase}");
        Assert.Equal("south", seen!["team"]!.GetValue<string>());

        // Both refusals are in the case database's audit trail, by whom and through which route.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SocialPrescribing.CaseManagement.Infrastructure.CaseDbContext>();
        var refused = await db.Set<SocialPrescribing.Messaging.Audit.AuditEntry>().AsNoTracking()
            .Where(a => a.ResourceType == "refused-read").Select(a => new { a.Action, a.ResourceId, a.Route }).ToListAsync();
        Assert.Contains(refused, r => r.Action == "refused 404" && r.ResourceId == southCase && r.Route == "GET /api/cases/{id:guid}");
        Assert.Contains(refused, r => r.Action == "refused 404" && r.Route == "GET /api/cases/by-reference/{reference}");
    }

    [Fact]
    public async Task The_caseload_screen_shows_the_teams_cases_and_tells_others_they_cannot_see_cases()
    {
        await factory.OpenCaseAsync("SP-N0RT-HPG6", "LS6");
        await factory.OpenCaseAsync("SP-S0UT-HPG1", "LS11");

        var north = await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north")).GetAsync("/caseworker?show=team");
        var html = await north.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, north.StatusCode);
        Assert.Contains("SP-N0RT-HPG6", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SP-S0UT-HPG1", html, StringComparison.Ordinal);

        var callHandler = await factory.CreateClientWithToken(TestTokens.For(role: "callhandler")).GetAsync("/caseworker");
        Assert.Equal(HttpStatusCode.Forbidden, callHandler.StatusCode);
        var refusal = await callHandler.Content.ReadAsStringAsync();
        Assert.Contains("You cannot see cases", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("SP-N0RT-HPG6", refusal, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/caseworker")).StatusCode);
    }

    private async Task<List<string>> ReferencesListedFor(string token)
    {
        var page = await factory.CreateClientWithToken(token).GetFromJsonAsync<JsonObject>("/api/cases?pageSize=100");
        return [.. page!["items"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }
}
