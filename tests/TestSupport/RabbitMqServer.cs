using System.Diagnostics;
using RabbitMQ.Client;

namespace SocialPrescribing.TestSupport;

/// <summary>
/// A throw-away RabbitMQ node from the machine's own <c>rabbitmq-server</c>, on free loopback ports,
/// that a test can stop and start again (its durable queues survive). Deleted on dispose.
/// Set <c>SP_TEST_RABBITMQ</c> to an amqp:// URI to use an existing broker (stop/start then fail).
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly string? _workDir;
    private readonly int _port;
    private readonly int _distPort;
    private readonly string _nodeName;
    private Process? _process;

    private RabbitMqServer(string connectionString, string? workDir, int port, int distPort, string nodeName)
    {
        ConnectionString = connectionString;
        _workDir = workDir;
        _port = port;
        _distPort = distPort;
        _nodeName = nodeName;
    }

    /// <summary>amqp://guest:guest@127.0.0.1:port/</summary>
    public string ConnectionString { get; }

    public static async Task<RabbitMqServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("SP_TEST_RABBITMQ") is { Length: > 0 } external)
        {
            return new RabbitMqServer(external, null, 0, 0, "");
        }

        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException("rabbitmq-server is not installed: run ./run.sh --setup-only (apt-get install rabbitmq-server).");
        }

        var dir = LocalProcess.NewWorkDirectory("rmq");
        var port = LocalProcess.FreePort();
        var server = new RabbitMqServer($"amqp://guest:guest@127.0.0.1:{port}/", dir, port, LocalProcess.FreePort(),
            $"sptest-{Path.GetFileName(dir)}@localhost");
        await server.StartNodeAsync();
        return server;
    }

    /// <summary>Starts the node again after <see cref="StopNodeAsync"/>, with the same data.</summary>
    public async Task StartNodeAsync()
    {
        if (_workDir is null)
        {
            throw new InvalidOperationException("An external broker cannot be started by the tests.");
        }

        var info = LocalProcess.StartInfo(ServerScript, []);
        info.WorkingDirectory = _workDir;
        info.Environment["HOME"] = _workDir;
        info.Environment["RABBITMQ_NODENAME"] = _nodeName;
        info.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        info.Environment["RABBITMQ_NODE_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_DIST_PORT"] = _distPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_workDir, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_workDir, "log");
        info.Environment["RABBITMQ_LOGS"] = "-";
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_workDir, "enabled_plugins");
        info.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_workDir, "rabbitmq");
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start rabbitmq-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Stops the node (as an outage would), keeping its data for <see cref="StartNodeAsync"/>.</summary>
    public async Task StopNodeAsync()
    {
        if (_process is null)
        {
            throw new InvalidOperationException("An external broker cannot be stopped by the tests.");
        }

        await LocalProcess.StopAsync(_process, "TERM", TimeSpan.FromSeconds(30));
        _process.Dispose();
        _process = null;
    }

    public async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { Uri = new Uri(ConnectionString) }.CreateConnectionAsync();

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = await ConnectAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && _process is not { HasExited: true })
            {
                await Task.Delay(250);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await StopNodeAsync();
        }

        if (_workDir is not null)
        {
            LocalProcess.DeleteQuietly(_workDir);
        }
    }
}
