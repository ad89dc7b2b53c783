using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

public class CaseFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.CaseDb;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Long enough for a repeat referral that overtook the first to find its case on a cold start.
        builder.UseSetting("Messaging:RetryIntervalsMs:1", "250");
        builder.UseSetting("Messaging:RetryIntervalsMs:2", "1000");
    }

    /// <summary>Empties the tables, and the roster's memory of who it wrote there.</summary>
    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        Services.GetRequiredService<SocialPrescribing.CaseManagement.Infrastructure.LinkWorkerRoster>().Forget();
    }

    /// <summary>Waits until the service has handled the message (its id is in the inbox).</summary>
    public Task WaitForInboxAsync(Guid messageId) =>
        Eventually(async () =>
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SocialPrescribing.CaseManagement.Infrastructure.CaseDbContext>();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
                db.Set<SocialPrescribing.Messaging.Inbox.InboxMessage>(), m => m.MessageId == messageId);
        });

    /// <summary>A token that reads every case: a manager's.</summary>
    protected virtual string AdminToken => TestTokens.For(role: "manager", subject: "setup");

    /// <summary>Publishes a referral through the real broker and waits for its case; returns the case id.</summary>
    public async Task<Guid> OpenCaseAsync(string reference, string? area = null, string shareWithGp = "none", string language = "en")
    {
        var submitted = new ReferralSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), reference, "self", "self",
            ["money"], false, new ReferralConsent(true, shareWithGp), Guid.NewGuid(), area, Language: language);
        await Services.GetRequiredService<IBus>().Publish(submitted, ctx => ctx.MessageId = submitted.Id);
        return await WaitForCaseAsync(reference);
    }

    /// <summary>Sets when a case's person must first be reached (to make it overdue without waiting days).</summary>
    public async Task SetFirstContactDueAsync(Guid caseId, DateTimeOffset dueBy)
    {
        await using var connection = new Npgsql.NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("UPDATE cases SET first_contact_due_by = @due WHERE id = @id", connection);
        command.Parameters.AddWithValue("due", dueBy);
        command.Parameters.AddWithValue("id", caseId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Runs a statement on the service's database (to move a due time into the past without waiting for it); returns the rows changed.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Puts a case at a step straight in its table, past the journey's rules (to test what the database keeps).</summary>
    public async Task SetStepAsync(Guid caseId, SocialPrescribing.CaseManagement.Model.CaseStep step)
    {
        await using var connection = new Npgsql.NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("UPDATE cases SET step = @step WHERE id = @id", connection);
        command.Parameters.AddWithValue("step", step.ToString());
        command.Parameters.AddWithValue("id", caseId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Waits until a case answers to the reference (its own or a joined referral's); returns its id.</summary>
    public async Task<Guid> WaitForCaseAsync(string reference)
    {
        var client = CreateClientWithToken(AdminToken);
        Guid id = default;
        await Eventually(async () =>
        {
            var response = await client.GetAsync($"/api/cases/by-reference/{reference}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
            return true;
        });
        return id;
    }
}

[CollectionDefinition(Name)]
public sealed class CaseCollection : ICollectionFixture<CaseFactory>
{
    public const string Name = "cases";
}
