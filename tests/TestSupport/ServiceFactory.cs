using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Respawn;
using Respawn.Graph;
using Xunit;

namespace SocialPrescribing.TestSupport;

/// <summary>
/// One service in-process (WebApplicationFactory) against a real PostgreSQL and a real RabbitMQ that
/// this fixture starts for the whole test collection. <see cref="ResetAsync"/> empties the service's
/// tables between tests (seeded reference tables excepted).
/// </summary>
public abstract class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    private Respawner? _respawner;

    /// <summary>The connection string name the service reads (e.g. <c>referraldb</c>).</summary>
    protected abstract string DatabaseName { get; }

    /// <summary>Every log record the service wrote, as its logging providers received it.</summary>
    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    /// <summary>The hosting environment the service runs in.</summary>
    protected virtual string EnvironmentName => "Development";

    /// <summary>False for a service that sends and receives no events (no broker is started).</summary>
    protected virtual bool UsesBroker => true;

    /// <summary>Tables that hold seeded reference data and survive a reset.</summary>
    protected virtual IReadOnlyList<string> SeededTables => [];

    /// <summary>Set before start-up to run against another factory's server (and database) instead of a new one.</summary>
    public PostgresServer? SharedPostgres { get; init; }

    public PostgresServer Postgres { get; private set; } = null!;

    public RabbitMqServer RabbitMq { get; private set; } = null!;

    public string DatabaseConnectionString => Postgres.ConnectionString(DatabaseName);

    public async Task InitializeAsync()
    {
        var postgres = SharedPostgres is null ? PostgresServer.StartAsync() : Task.FromResult(SharedPostgres);
        var rabbit = UsesBroker ? RabbitMqServer.StartAsync() : null;
        Postgres = await postgres;
        if (rabbit is not null)
        {
            RabbitMq = await rabbit;
        }

        await StartServersAsync();

        // Starting the server applies the migrations and seeds, as the service does before taking traffic.
        _ = Server;
        if (UsesBroker)
        {
            // Its queues are bound only once the bus has connected: an event published before then (a test's first)
            // reaches an exchange with no queue yet and is gone.
            await this.BusStartedAsync();
        }

        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = [new Table("__ef_migrations_history"), .. SeededTables.Select(t => new Table(t))],
        });
    }

    /// <summary>More servers the service needs (e.g. a mail catcher), started before it.</summary>
    protected virtual Task StartServersAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartServersAsync"/> started.</summary>
    protected virtual ValueTask StopServersAsync() => ValueTask.CompletedTask;

    public virtual async Task ResetAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = new NpgsqlConnection(DatabaseConnectionString);
            await connection.OpenAsync();
            try
            {
                await _respawner!.ResetAsync(connection);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // Emptying every table at once can meet the service's own background work (the audit sealer,
                // the outbox relay) holding one table and wanting another: PostgreSQL picks one to give way.
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting($"ConnectionStrings:{DatabaseName}", DatabaseConnectionString);
        if (UsesBroker)
        {
            builder.UseSetting("ConnectionStrings:messaging", RabbitMq.ConnectionString);
        }
        // Trust the test token key instead of fetching keys from an Identity service.
        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(TestTokens.Configuration);
                options.TokenValidationParameters.ValidIssuer = TestTokens.Issuer;
            });
            // Every log record as the providers receive it (after redaction), for privacy tests.
            services.AddFakeLogging();
        });
        // Audit entries are sealed into their hash chain at once (the suite waits a minute for late commits).
        builder.UseSetting("Audit:SealAfter", "00:00:00");
        builder.UseSetting("Audit:SealInterval", "00:00:00.200");
        // The retention job runs only when a test asks it to (RunOnceAsync, with the test's clock).
        builder.UseSetting("Retention:FirstCheckAfter", "1.00:00:00");
        builder.UseSetting("Messaging:RetryIntervalsMs:0", "20");
        builder.UseSetting("Messaging:RedeliveryIntervalsMs:0", "100");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await StopServersAsync();
        if (UsesBroker)
        {
            await RabbitMq.DisposeAsync();
        }

        if (SharedPostgres is null)
        {
            await Postgres.DisposeAsync();
        }
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer access token.</summary>
    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected state was not reached in time.");
            }

            await Task.Delay(100);
        }
    }
}
