using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace SocialPrescribing.AppHost;

/// <summary>
/// RabbitMQ from the machine's own <c>rabbitmq-server</c> (run directly, not through the Debian wrapper
/// that switches user and logs to /var/log), with its node data in the data folder.
/// </summary>
internal sealed record LocalRabbitMq(
    IResourceBuilder<ExecutableResource> Server,
    IResourceBuilder<IResourceWithConnectionString> ConnectionString)
{
    public const string ServerName = "rabbitmq-server";
    private const string Script = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static LocalRabbitMq Add(IDistributedApplicationBuilder builder, string directory, int port)
    {
        var script = builder.Configuration["Infra:RabbitMqServer"] is { Length: > 0 } configured ? configured : Script;
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"RabbitMQ was not found at {script}. Install it (Debian/Ubuntu: apt-get install rabbitmq-server; " +
                "./run.sh does this), set Infra:RabbitMqServer, or run with Infra=external.");
        }

        Directory.CreateDirectory(directory);
        // One node name per data folder, so the node finds its own queues again after a restart.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directory)))[..8];
        var invariant = System.Globalization.CultureInfo.InvariantCulture;

        var server = builder.AddExecutable(ServerName, script, directory)
            .WithEndpoint(name: "amqp", port: port, targetPort: port, scheme: "tcp", isProxied: false)
            .WithEnvironment("HOME", directory)
            .WithEnvironment("RABBITMQ_NODENAME", $"sp-{hash}@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString(invariant))
            .WithEnvironment("RABBITMQ_DIST_PORT", LocalServers.FreePort().ToString(invariant))
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(directory, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(directory, "log"))
            .WithEnvironment("RABBITMQ_LOGS", "-")
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(directory, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(directory, "rabbitmq"));

        var uri = $"amqp://guest:guest@127.0.0.1:{port.ToString(invariant)}/";
        var connectionString = builder.AddConnectionString(ResourceNames.Messaging, ReferenceExpression.Create($"{uri}"));

        var check = "rabbitmq-accepts-amqp";
        builder.Services.AddHealthChecks().AddAsyncCheck(check, async cancellationToken =>
        {
            try
            {
                await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (BrokerUnreachableException ex)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        });
        server.WithHealthCheck(check);
        return new LocalRabbitMq(server, connectionString);
    }
}
