using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

[Collection(CaseCollection.Name)]
public sealed class AuditTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_read_of_a_case_is_recorded_and_a_manager_can_list_the_trail()
    {
        var caseId = await OpenCaseAsync("SP-AUD2-TRL3");
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lee-linkworker"));
        await linkWorker.GetAsync($"/api/cases/{caseId}");
        await linkWorker.GetAsync("/api/cases/by-reference/SP-AUD2-TRL3");

        var trail = await factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "morgan-manager"))
            .GetFromJsonAsync<JsonArray>($"/api/cases/{caseId}/audit");

        var routes = trail!.Where(e => e!["actor"]!.GetValue<string>() == "lee-linkworker").Select(e => e!["route"]!.GetValue<string>()).ToList();
        Assert.Contains("GET /api/cases/{id:guid}", routes);
        Assert.Contains("GET /api/cases/by-reference/{reference}", routes);
        Assert.All(trail!, e => Assert.Equal("read", e!["action"]!.GetValue<string>()));
        Assert.Contains(trail!, e => e!["actorRoles"]!.GetValue<string>() == "linkworker");
    }

    [Fact]
    public async Task Listing_cases_records_a_read_of_each_case_listed()
    {
        var caseId = await OpenCaseAsync("SP-L1ST-AUD7");

        await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lister")).GetAsync("/api/cases");

        var trail = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetFromJsonAsync<JsonArray>($"/api/cases/{caseId}/audit");
        Assert.Contains(trail!, e => e!["actor"]!.GetValue<string>() == "lister" && e["route"]!.GetValue<string>() == "GET /api/cases/");
    }

    [Fact]
    public async Task Only_managers_and_admins_read_the_audit_trail()
    {
        var caseId = await OpenCaseAsync("SP-AUD4-R0LE");

        var response = await factory.CreateClientWithToken(TestTokens.For(role: "linkworker")).GetAsync($"/api/cases/{caseId}/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'someone-else'")]
    [InlineData("DELETE FROM audit_entries")]
    public async Task The_audit_trail_is_append_only(string sql)
    {
        var caseId = await OpenCaseAsync("SP-APND-0NLY");
        await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north")).GetAsync($"/api/cases/{caseId}");
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    private Task<Guid> OpenCaseAsync(string reference) => factory.OpenCaseAsync(reference);
}
