using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Npgsql;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// The right to erasure, proved by looking everywhere: a unique value is planted in every field of a
/// person (details, what they told us, notes, what matters, a task, a meeting place, a safeguarding concern, what a provider was
/// told, a correction in their history, a staff search, an export not yet downloaded, a failed message in
/// an <c>_error</c> queue), the person is erased, and then every table of every database and every
/// message in every queue of the broker is read: none of the values may be found.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ErasureScanTests(SuiteFixture suite, ITestOutputHelper output)
{
    private static readonly string[] Databases =
        [ResourceNames.ReferralDb, ResourceNames.CaseDb, ResourceNames.DirectoryDb, ResourceNames.WellbeingDb, ResourceNames.IdentityDb, ResourceNames.NotificationsDb];

    [Fact]
    public async Task After_an_erasure_no_planted_value_is_in_any_table_of_any_database_or_any_queue()
    {
        var tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var planted = new Planted(
            GivenName: $"Plantgiven{tag}", FamilyName: $"Plantfamily{tag}", Email: $"planted.{tag}@example.org",
            Phone: $"07700900{Random.Shared.Next(500, 1000):D3}", NhsNumber: NhsNumber(), Postcode: $"LS1 {Random.Shared.Next(10)}{Inward()}",
            Reason: $"Plantreason{tag}", Note: $"Plantnote{tag}", WhatMatters: $"Plantmatters{tag}", Task: $"Planttask{tag}",
            Place: $"Plantplace{tag}", ProviderNote: $"Plantprovider{tag}", Corrected: $"Plantcorrected{tag}", Concern: $"Plantconcern{tag}");
        var referral = SuiteFixture.SelfReferral(planted.GivenName, planted.FamilyName);
        referral["person"]!["email"] = planted.Email;
        referral["person"]!["phone"] = planted.Phone;
        referral["person"]!["nhsNumber"] = planted.NhsNumber;
        referral["person"]!["postcode"] = planted.Postcode;
        referral["reason"] = planted.Reason;
        var created = await suite.Gateway.PostAsJsonAsync("/api/referrals", referral);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reference = (await created.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await suite.Gateway.PostAsJsonAsync("/api/referrals", referral)).StatusCode); // a repeat
        var caseId = (await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(60)))["id"]!.GetValue<Guid>();
        var lw = suite.LinkWorker;
        // The repeat has joined the case before anyone writes to it (a write racing it would be a 409, as it should).
        await SuiteFixture.Eventually(async () => (await lw.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["alsoReferred"]!.AsArray().Count == 1, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await lw.PostAsJsonAsync($"/api/cases/{caseId}/notes", new { text = planted.Note })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lw.PutAsJsonAsync($"/api/cases/{caseId}/what-matters", new { whatMatters = planted.WhatMatters })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lw.PostAsJsonAsync($"/api/cases/{caseId}/tasks", new { description = planted.Task, dueOn = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd") })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await lw.PostAsJsonAsync($"/api/cases/{caseId}/concerns", new
        {
            subject = "adult", category = "financial", description = planted.Concern, personAware = true, consent = true, immediateDanger = false,
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lw.PostAsJsonAsync($"/api/cases/{caseId}/appointments", new { startsAt = DateTimeOffset.UtcNow.AddDays(2), place = planted.Place })).StatusCode);
        var service = await suite.ProviderServiceAsync();
        Assert.Equal(HttpStatusCode.OK, (await lw.PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new
        {
            serviceId = service.Id, serviceName = service.Name, person = new { givenName = planted.GivenName, phone = planted.Phone, email = planted.Email },
            note = planted.ProviderNote, personAgreed = true,
        })).StatusCode);
        using var provider = await suite.SignedInAsync("provider");
        await SuiteFixture.Eventually(async () => (await provider.GetStringAsync("/api/directory/referrals?status=all")).Contains(planted.ProviderNote, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));

        using var manager = await suite.SignedInAsync("manager");
        var found = (await manager.GetFromJsonAsync<JsonObject>($"/api/people?search={planted.FamilyName}"))!["items"]!.AsArray();
        var personId = Assert.Single(found)!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await manager.PatchAsJsonAsync($"/api/people/{personId}", new { familyName = planted.Corrected, reason = "Spelling" })).StatusCode);
        var export = (await manager.PostAsync($"/api/people/{personId}/access-requests", null)).Headers.Location!.OriginalString;
        await SuiteFixture.Eventually(async () => (await manager.GetFromJsonAsync<JsonObject>(export))!["status"]!.GetValue<string>() == "ready", TimeSpan.FromSeconds(60));
        await PlantFailedMessageAsync(caseId, planted);
        using var admin = await suite.SignedInAsync("admin");
        await SuiteFixture.Eventually(async () => (await admin.GetFromJsonAsync<JsonObject>("/api/directory/admin/failed-messages"))!["total"]!.GetValue<long>() >= 1,
            TimeSpan.FromSeconds(90));
        // Before: every value is somewhere (the scan would find them).
        var before = await ScanAsync(planted.All);
        Assert.True(before.Count >= planted.All.Count - 1, "planted values not found before the erasure: " + string.Join(", ", planted.All.Except(before.Select(b => b.Value))));

        var clock = Stopwatch.StartNew();
        var erasing = await manager.PostAsJsonAsync($"/api/people/{personId}/erasure-requests", new { reason = "Their request" });
        Assert.Equal(HttpStatusCode.Accepted, erasing.StatusCode);
        var erasure = erasing.Headers.Location!.OriginalString;
        await SuiteFixture.Eventually(async () => (await manager.GetFromJsonAsync<JsonObject>(erasure))!["status"]!.GetValue<string>() == "done", TimeSpan.FromSeconds(90));
        output.WriteLine($"Erasure: every service confirmed {clock.ElapsedMilliseconds} ms after it was asked for");
        // Messages still on their way (a consumer's last commit) settle before the scan.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var after = await ScanAsync(planted.All);
        Assert.True(after.Count == 0, "found after the erasure: " + string.Join("; ", after.Select(f => $"{f.Value} in {f.Where}")));
        var done = (await manager.GetFromJsonAsync<JsonObject>(erasure))!;
        Assert.Equal(5, done["services"]!.AsArray().Count(s => s!["confirmedAt"] is not null));
        output.WriteLine($"Erasure scan: {planted.All.Count} planted values, found in {before.Count} places before and 0 after, across {Databases.Length} databases and every queue");
    }

    /// <summary>Where each value is found: "database.table" or "queue name".</summary>
    private async Task<List<(string Value, string Where)>> ScanAsync(IReadOnlyList<string> values)
    {
        var found = new List<(string, string)>();
        foreach (var database in Databases)
        {
            await using var connection = new NpgsqlConnection(await suite.App.GetConnectionStringAsync(database) + ";Pooling=false");
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                foreach (var value in values)
                {
                    await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE t::text ILIKE '%' || $1 || '%'", connection) { Parameters = { new() { Value = value } } };
                    if ((long)(await count.ExecuteScalarAsync())! > 0)
                    {
                        found.Add((value, $"{database}.{table}"));
                    }
                }
            }
        }

        var factory = new ConnectionFactory { Uri = new Uri((await suite.App.GetConnectionStringAsync(ResourceNames.Messaging))!) };
        await using var broker = await factory.CreateConnectionAsync();
        foreach (var queue in await QueuesAsync())
        {
            // Read without acknowledging: every message goes back when the channel closes.
            await using var channel = await broker.CreateChannelAsync();
            var waiting = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
            for (var i = 0; i < waiting && await channel.BasicGetAsync(queue, autoAck: false) is { } message; i++)
            {
                var body = Encoding.UTF8.GetString(message.Body.Span);
                found.AddRange(values.Where(v => body.Contains(v, StringComparison.OrdinalIgnoreCase)).Select(v => (v, $"queue {queue}")));
            }
        }

        return found;
    }

    /// <summary>Every queue on the suite's broker, as rabbitmqctl lists them.</summary>
    private async Task<List<string>> QueuesAsync()
    {
        var directory = Path.Combine(suite.DataDirectory, "rabbitmq");
        var node = $"sp-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directory)))[..8]}@localhost";
        var start = new ProcessStartInfo("/usr/lib/rabbitmq/bin/rabbitmqctl", ["-n", node, "-q", "list_queues", "--no-table-headers", "name"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["HOME"] = directory },
        };
        using var process = Process.Start(start)!;
        var listed = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl list_queues: {errors}");
        var queues = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        Assert.Contains(queues, q => q.EndsWith("_error", StringComparison.Ordinal));
        return queues;
    }

    /// <summary>
    /// A message about the person that the Directory cannot read (a provider referral id that is not an id):
    /// MassTransit gives up on it and moves it, with its body, to the consumer's <c>_error</c> queue.
    /// </summary>
    private async Task PlantFailedMessageAsync(Guid caseId, Planted planted)
    {
        var factory = new ConnectionFactory { Uri = new Uri((await suite.App.GetConnectionStringAsync(ResourceNames.Messaging))!) };
        await using var broker = await factory.CreateConnectionAsync();
        await using var channel = await broker.CreateChannelAsync();
        var body = new JsonObject
        {
            ["messageId"] = Guid.NewGuid(),
            ["messageType"] = new JsonArray("urn:message:SocialPrescribing.Contracts:ProviderReferralRequested"),
            ["message"] = new JsonObject
            {
                ["id"] = Guid.NewGuid(), ["occurredAt"] = DateTimeOffset.UtcNow, ["providerReferralId"] = "not-an-id", ["serviceId"] = Guid.NewGuid(),
                ["caseId"] = caseId, ["caseReference"] = "SP-XXXX-XXXX", ["needs"] = new JsonArray("money"),
                ["person"] = new JsonObject { ["givenName"] = planted.GivenName, ["phone"] = planted.Phone, ["email"] = planted.Email }, ["note"] = planted.ProviderNote,
            },
        };
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync("SocialPrescribing.Contracts:ProviderReferralRequested", "", false, properties, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private static string Inward()
    {
        const string letters = "ABDEFGHJLNPQRSTUWXYZ";
        return $"{letters[Random.Shared.Next(letters.Length)]}{letters[Random.Shared.Next(letters.Length)]}";
    }

    /// <summary>A random NHS number with a valid modulus 11 check digit.</summary>
    private static string NhsNumber()
    {
        while (true)
        {
            var digits = Enumerable.Range(0, 9).Select(_ => Random.Shared.Next(10)).ToArray();
            var check = 11 - (digits.Select((d, i) => d * (10 - i)).Sum() % 11);
            if (check == 10)
            {
                continue;
            }

            return string.Concat(digits) + (check == 11 ? 0 : check);
        }
    }

    private sealed record Planted(
        string GivenName, string FamilyName, string Email, string Phone, string NhsNumber, string Postcode, string Reason, string Note,
        string WhatMatters, string Task, string Place, string ProviderNote, string Corrected, string Concern)
    {
        public IReadOnlyList<string> All => [GivenName, FamilyName, Email, Phone, NhsNumber, Postcode, Reason, Note, WhatMatters, Task, Place, ProviderNote, Corrected, Concern];
    }
}
