using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// The whole suite, started once for the collection from the real AppHost with the machine's own
/// PostgreSQL and RabbitMQ (Infra=local) in a throw-away data folder on free ports.
/// </summary>
public class SuiteFixture : IAsyncLifetime
{
    public const string RabbitMqServer = "rabbitmq-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "socialprescribing-e2e", Guid.NewGuid().ToString("N")[..12]);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The suite's data folder (PostgreSQL's and RabbitMQ's files), thrown away afterwards.</summary>
    public string DataDirectory => _dataDir;

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>Every log, span and metric every service exported during the run.</summary>
    public TelemetrySink Telemetry { get; } = new();

    /// <summary>The gateway, as the development link worker signed in through the real Identity service.</summary>
    public HttpClient LinkWorker { get; private set; } = null!;

    /// <summary>More AppHost settings (<c>key=value</c>) for a fixture that runs the suite differently.</summary>
    protected virtual IEnumerable<string> Settings => [];

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Infra=local", $"Infra:DataDir={_dataDir}", "Infra:PostgresPort=0", "Infra:RabbitMqPort=0", "Infra:MailPort=0", "Infra:MailSmtpPort=0",
             // Every test submits from one address; the 429 test uses its own (X-Forwarded-For).
             "Gateway:SelfReferralsPerMinute=1000", .. Settings], cts.Token);
        // Every project exports its telemetry to the sink, quickly, as OTLP over HTTP.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "200")
                .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "500")
                // The retention job's first daily run soon after start (it finds nothing old enough to remove).
                .WithEnvironment("Retention__FirstCheckAfter", "00:00:05");
        }

        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, cts.Token);
        Gateway = App.CreateHttpClient(ResourceNames.Gateway);
        LinkWorker = await SignedInAsync("linkworker");
    }

    /// <summary>A gateway client with an access token from the password grant (development client sp-cli).</summary>
    public async Task<HttpClient> SignedInAsync(string username)
    {
        HttpResponseMessage response;
        // As a client should: a 503 (the database was restarting) is worth another go after Retry-After.
        for (var attempt = 1; ; attempt++)
        {
            response = await Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "sp-cli",
                ["username"] = username,
                ["password"] = "Dev-Passw0rd!",
                ["scope"] = "openid roles api",
            }));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 3)
            {
                break;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }

        response.EnsureSuccessStatusCode();
        var token = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        var client = App.CreateHttpClient(ResourceNames.Gateway);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A claim (<c>sub</c>, <c>organization</c>, …) in a signed-in client's access token.</summary>
    public static string ClaimOf(HttpClient client, string claim)
    {
        ArgumentNullException.ThrowIfNull(client);
        var payload = client.DefaultRequestHeaders.Authorization!.Parameter!.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
        return System.Text.Json.Nodes.JsonNode.Parse(json)![claim]!.GetValue<string>();
    }

    public virtual async Task DisposeAsync()
    {
        Gateway.Dispose();
        LinkWorker?.Dispose();
        await App.DisposeAsync();
        Telemetry.Dispose();
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A service of the development provider's organisation with a place free (the seeded provider works for the first one).</summary>
    public async Task<(Guid Id, string Name)> ProviderServiceAsync()
    {
        using var provider = await SignedInAsync("provider");
        var organisation = ClaimOf(provider, "organization");
        var all = await Gateway.GetFromJsonAsync<JsonObject>("/api/directory/services?per_page=200");
        var service = all!["contents"]!.AsArray()
            .First(s => s!["organization"]!["id"]!.GetValue<string>() == organisation && s["capacity"]!["available"]!.GetValue<int>() > 0)!;
        return (service["id"]!.GetValue<Guid>(), service["name"]!.GetValue<string>());
    }

    /// <summary>
    /// A new member of staff with the development password, the role and team of <paramref name="like"/>, made in
    /// identitydb (the suite has no staff administration yet): a fresh account a test may change as it likes.
    /// </summary>
    public async Task<string> CreateStaffLikeAsync(string like)
    {
        var username = $"{like}-{Guid.NewGuid():N}"[..24];
        var connectionString = await App.GetConnectionStringAsync(ResourceNames.IdentityDb);
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO "AspNetUsers" (id, user_name, normalized_user_name, email_confirmed, password_hash, security_stamp,
                concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count,
                display_name, team, organization_id, is_development_account, last_authenticator_step)
            SELECT @id, @name, upper(@name), false, password_hash, @stamp, @stamp, false, false, false, 0,
                   display_name, team, organization_id, is_development_account, 0
            FROM "AspNetUsers" WHERE normalized_user_name = upper(@like);
            INSERT INTO "AspNetUserRoles" (user_id, role_id)
            SELECT @id, r.role_id FROM "AspNetUserRoles" r JOIN "AspNetUsers" u ON u.id = r.user_id
            WHERE u.normalized_user_name = upper(@like);
            """, connection);
        command.Parameters.AddWithValue("id", Guid.NewGuid().ToString());
        command.Parameters.AddWithValue("name", username);
        command.Parameters.AddWithValue("like", like);
        command.Parameters.AddWithValue("stamp", Guid.NewGuid().ToString("N").ToUpperInvariant());
        Assert.Equal(2, await command.ExecuteNonQueryAsync());
        return username;
    }

    public async Task<long> CountAsync(string database, string table)
    {
        var connectionString = await App.GetConnectionStringAsync(database);
        // No pooling: the fault tests restart PostgreSQL under the suite.
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task StopBrokerAsync(CancellationToken cancellationToken)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(RabbitMqServer, "resource-stop", cancellationToken);
        Assert.True(result.Success, result.Message);
        await App.ResourceNotifications.WaitForResourceAsync(RabbitMqServer,
            e => e.Snapshot.State?.Text is "Finished" or "Exited" or "Stopped", cancellationToken);
    }

    public async Task StartBrokerAsync(CancellationToken cancellationToken)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(RabbitMqServer, "resource-start", cancellationToken);
        Assert.True(result.Success, result.Message);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(RabbitMqServer, cancellationToken);
    }

    /// <summary>Waits until the development link worker (team north) can read the case opened for a referral.</summary>
    public async Task<JsonObject> WaitForCaseAsync(string reference, TimeSpan timeout)
    {
        JsonObject? found = null;
        await Eventually(async () =>
        {
            var response = await LinkWorker.GetAsync($"/api/cases/by-reference/{reference}");
            found = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
            return found is not null;
        }, timeout);
        return found!;
    }

    /// <summary>A valid self-referral from Leeds (LS1, team north) for the given name.</summary>
    public static JsonObject SelfReferral(string givenName, string familyName) => new()
    {
        ["channel"] = "self",
        ["person"] = new JsonObject
        {
            ["givenName"] = givenName,
            ["familyName"] = familyName,
            ["dateOfBirth"] = "1990-12-10",
            ["postcode"] = "LS1 4AP",
            ["phone"] = "07700 900123",
        },
        ["needs"] = new JsonArray("loneliness"),
        ["consent"] = new JsonObject { ["shareWithLinkWorker"] = true, ["shareWithGp"] = "codesOnly" },
        ["risk"] = new JsonObject { ["harmToSelf"] = false, ["harmToOthers"] = false, ["inCrisis"] = false },
    };

    /// <summary>
    /// The plain text of the first email to <paramref name="address"/> with <paramref name="subject"/> in the AppHost's
    /// smtp4dev (read through its API, as a developer reads it in its page), waiting for it to arrive.
    /// </summary>
    public async Task<string> MailAsync(string address, string subject, TimeSpan timeout)
    {
        using var mail = new HttpClient { BaseAddress = App.GetEndpoint("smtp4dev", "http") };
        JsonNode? message = null;
        await Eventually(async () =>
        {
            var page = await mail.GetFromJsonAsync<JsonObject>("/api/messages?pageSize=500");
            message = page!["results"]!.AsArray().FirstOrDefault(m =>
                m!["subject"]!.GetValue<string>() == subject
                && m["to"]!.AsArray().Any(t => t!.GetValue<string>().Contains(address, StringComparison.OrdinalIgnoreCase)));
            return message is not null;
        }, timeout);
        return await mail.GetStringAsync($"/api/messages/{message!["id"]!.GetValue<Guid>()}/plaintext");
    }

    public static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected state was not reached in time.");
            }

            await Task.Delay(200);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
