using System.Diagnostics;
using Npgsql;

namespace SocialPrescribing.TestSupport;

/// <summary>
/// A throw-away PostgreSQL server from the machine's own binaries, for one test run: initdb into a
/// temp folder, postgres on a free loopback port, deleted on dispose. Set <c>SP_TEST_POSTGRES</c> to
/// a connection string to use an existing server instead.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string? _workDir;
    private readonly string _baseConnectionString;

    private PostgresServer(string baseConnectionString, Process? process, string? workDir)
    {
        _baseConnectionString = baseConnectionString;
        _process = process;
        _workDir = workDir;
    }

    public static string BinDirectory =>
        Environment.GetEnvironmentVariable("SP_POSTGRES_BIN")
        ?? Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal).LastOrDefault() + "/bin";

    public static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("SP_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new PostgresServer(external, null, null);
        }

        var dir = LocalProcess.NewWorkDirectory("pg");
        var data = Path.Combine(dir, "data");
        await LocalProcess.RunToEndAsync(
            LocalProcess.StartInfo(Path.Combine(BinDirectory, "initdb"),
                ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], asUser: "postgres"),
            TimeSpan.FromSeconds(60));

        var port = LocalProcess.FreePort();
        // Durability is not under test here; speed is.
        var process = Process.Start(LocalProcess.StartInfo(Path.Combine(BinDirectory, "postgres"),
        [
            "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", dir,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=300",
        ], asUser: "postgres")) ?? throw new InvalidOperationException("Could not start postgres");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Password=unused", process, dir);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>A connection string to <paramref name="database"/> (created by the service's migrations).</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_baseConnectionString) { Database = database }.ConnectionString;

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false;Timeout=2");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && _process is not { HasExited: true })
            {
                await Task.Delay(200);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_process is not null)
        {
            await LocalProcess.StopAsync(_process, "INT", TimeSpan.FromSeconds(15));
            _process.Dispose();
        }

        if (_workDir is not null)
        {
            LocalProcess.DeleteQuietly(_workDir);
        }
    }
}
