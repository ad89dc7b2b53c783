using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>
/// The retention schedule in Case Management, with a clock the test controls: a closed case goes eight years after
/// its closure with everything recorded on it; an open case, however old, stays.
/// </summary>
[Collection(CaseCollection.Name)]
public sealed class RetentionTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_closed_case_goes_eight_years_after_closure_with_its_notes_and_safeguarding_concerns_and_an_open_one_stays()
    {
        var closed = await factory.OpenCaseAsync("SP-RT1A-B2CD", area: "LS1");
        var open = await factory.OpenCaseAsync("SP-RT2A-B2CD", area: "LS1");
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));
        Assert.Equal(HttpStatusCode.OK, (await linkWorker.PostAsJsonAsync($"/api/cases/{closed}/notes", new { text = "Talked about the allotment" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await linkWorker.PostAsJsonAsync($"/api/cases/{closed}/concerns", new
        {
            subject = "adult", category = "selfNeglect", description = "No heating all winter.", personAware = true, consent = true, immediateDanger = false,
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await linkWorker.PostAsJsonAsync($"/api/cases/{closed}/steps", new { to = "Declined", reason = "Prefers to manage alone" })).StatusCode);
        var closedAt = await QueryAsync(db => db.Cases.Where(c => c.Id == closed).Select(c => c.History.Max(h => h.At)).SingleAsync());
        var job = factory.Services.GetRequiredService<RetentionJob<CaseDbContext>>();

        var dayBefore = await job.RunOnceAsync(closedAt.AddYears(8).AddDays(-1), CancellationToken.None);
        var dayAfter = await job.RunOnceAsync(closedAt.AddYears(8).AddDays(1), CancellationToken.None);

        Assert.Equal(0, dayBefore!.Removed["closed-cases"]);
        Assert.Equal(1, dayAfter!.Removed["closed-cases"]);
        Assert.Equal([open], await QueryAsync(db => db.Cases.Select(c => c.Id).ToListAsync()));
        Assert.Equal(0L, await CountAsync("case_notes"));
        Assert.Equal(0L, await CountAsync("safeguarding_concerns"));
        Assert.Equal(0L, await CountAsync("case_step_changes WHERE case_id <> '" + open + "'"));
        var report = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetFromJsonAsync<RetentionReport>("/api/cases/retention");
        Assert.Equal(1, report!.Runs[0].Removed["closed-cases"]);
        Assert.Contains(report.Schedule, r => r is { Rule: "closed-cases", Period: "8 years", Setting: "Retention:ClosedCases" });
    }

    private async Task<T> QueryAsync<T>(Func<CaseDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CaseDbContext>());
    }

    private async Task<long> CountAsync(string from)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM " + from, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
