using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace SocialPrescribing.AppHost;

/// <summary>
/// PostgreSQL from the machine's own binaries (Debian: /usr/lib/postgresql/N/bin): initdb once into
/// the data folder, then postgres on 127.0.0.1 with fsync on. Each service's database is created by
/// its own migrations.
/// </summary>
internal sealed record LocalPostgres(
    IDistributedApplicationBuilder Builder,
    IResourceBuilder<ExecutableResource> Server,
    int Port)
{
    public const string ServerName = "postgres-server";

    public static LocalPostgres Add(IDistributedApplicationBuilder builder, string directory, int port)
    {
        var binDir = builder.Configuration["Infra:PostgresBin"] is { Length: > 0 } configured
            ? configured
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")).LastOrDefault()
                : null;
        if (binDir is null || !File.Exists(Path.Combine(binDir, "postgres")))
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries were not found (looked in /usr/lib/postgresql/*/bin). Install PostgreSQL " +
                "(Debian/Ubuntu: apt-get install postgresql), set Infra:PostgresBin, or run with Infra=external.");
        }

        var data = Path.Combine(directory, "data");
        LocalServers.GiveTo(directory, "postgres");

        var (postgresCommand, postgresPrefix) = LocalServers.AsUser(Path.Combine(binDir, "postgres"), "postgres");
        var server = builder.AddExecutable(ServerName, postgresCommand, directory,
            [
                .. postgresPrefix, "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-k", directory, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200",
            ])
            .WithEndpoint(name: "tcp", port: port, targetPort: port, scheme: "tcp", isProxied: false);

        // initdb only for a new data folder: a user's data must survive restarts.
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true); // an initdb that never finished
            }

            var (initCommand, initPrefix) = LocalServers.AsUser(Path.Combine(binDir, "initdb"), "postgres");
            var init = builder.AddExecutable("postgres-init", initCommand, directory,
                [.. initPrefix, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]);
            server.WaitForCompletion(init);
        }

        var local = new LocalPostgres(builder, server, port);
        var check = "postgres-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(check, async cancellationToken =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(local.ConnectionString("postgres") + ";Pooling=false;Timeout=3");
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException ex)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        });
        server.WithHealthCheck(check);
        return local;
    }

    public IResourceBuilder<IResourceWithConnectionString> Database(string name) =>
        Builder.AddConnectionString(name, ReferenceExpression.Create($"{ConnectionString(name)}"));

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";
}
