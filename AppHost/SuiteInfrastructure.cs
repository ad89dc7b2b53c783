using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace SocialPrescribing.AppHost;

/// <summary>
/// The suite's PostgreSQL (one database per service) and RabbitMQ, from wherever they can come:
/// containers when a container runtime answers, the machine's own binaries otherwise, or servers
/// the operator names (<c>Infra=auto|container|local|external</c>).
/// </summary>
internal sealed record SuiteInfrastructure(
    string Mode,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<IResourceWithConnectionString> ReferralDb,
    IResourceBuilder<IResourceWithConnectionString> CaseDb,
    IResourceBuilder<IResourceWithConnectionString> DirectoryDb,
    IResourceBuilder<IResourceWithConnectionString> WellbeingDb,
    IResourceBuilder<IResourceWithConnectionString> IdentityDb,
    IResourceBuilder<IResourceWithConnectionString> NotificationsDb,
    IReadOnlyList<IResourceBuilder<IResource>> Servers);

internal static class SuiteInfrastructureExtensions
{
    public static SuiteInfrastructure AddSuiteInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = (builder.Configuration["Infra"] ?? builder.Configuration["Infra:Mode"] ?? "auto").Trim().ToLowerInvariant();
        if (mode == "auto")
        {
            mode = ContainerRuntimeAnswers() ? "container" : "local";
        }

        Console.WriteLine($"[apphost] Infra={mode}");
        return mode switch
        {
            "container" => AddContainers(builder),
            "local" => AddLocal(builder),
            "external" => AddExternal(builder),
            _ => throw new InvalidOperationException($"Infra must be auto, container, local or external, not '{mode}'."),
        };
    }

    /// <summary>Connection strings (its own database, and the broker unless it sends no events); waits for the servers.</summary>
    public static IResourceBuilder<ProjectResource> WithInfrastructure(
        this IResourceBuilder<ProjectResource> project,
        SuiteInfrastructure infra,
        IResourceBuilder<IResourceWithConnectionString> database,
        bool messaging = true)
    {
        project.WithHttpHealthCheck("/health").WithReference(database);
        if (messaging)
        {
            project.WithReference(infra.Messaging);
        }
        foreach (var server in infra.Servers)
        {
            project.WaitFor(server);
        }

        return project;
    }

    private static SuiteInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume();
        var messaging = builder.AddRabbitMQ(ResourceNames.Messaging).WithDataVolume();
        return new SuiteInfrastructure(
            "container",
            messaging,
            postgres.AddDatabase(ResourceNames.ReferralDb),
            postgres.AddDatabase(ResourceNames.CaseDb),
            postgres.AddDatabase(ResourceNames.DirectoryDb),
            postgres.AddDatabase(ResourceNames.WellbeingDb),
            postgres.AddDatabase(ResourceNames.IdentityDb),
            postgres.AddDatabase(ResourceNames.NotificationsDb),
            [postgres.AsResource(), messaging.AsResource()]);
    }

    private static SuiteInfrastructure AddLocal(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Infra:DataDir"];
        var dataDir = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(builder.AppHostDirectory, "..", ".data")
            : configured);
        Console.WriteLine($"[apphost] local data in {dataDir}");

        var postgres = LocalPostgres.Add(builder, Path.Combine(dataDir, "postgres"), Port(builder, "Infra:PostgresPort"));
        var rabbit = LocalRabbitMq.Add(builder, Path.Combine(dataDir, "rabbitmq"), Port(builder, "Infra:RabbitMqPort"));
        return new SuiteInfrastructure(
            "local",
            rabbit.ConnectionString,
            postgres.Database(ResourceNames.ReferralDb),
            postgres.Database(ResourceNames.CaseDb),
            postgres.Database(ResourceNames.DirectoryDb),
            postgres.Database(ResourceNames.WellbeingDb),
            postgres.Database(ResourceNames.IdentityDb),
            postgres.Database(ResourceNames.NotificationsDb),
            [postgres.Server.AsResource(), rabbit.Server.AsResource()]);
    }

    private static SuiteInfrastructure AddExternal(IDistributedApplicationBuilder builder) => new(
        "external",
        builder.AddConnectionString(ResourceNames.Messaging),
        builder.AddConnectionString(ResourceNames.ReferralDb),
        builder.AddConnectionString(ResourceNames.CaseDb),
        builder.AddConnectionString(ResourceNames.DirectoryDb),
        builder.AddConnectionString(ResourceNames.WellbeingDb),
        builder.AddConnectionString(ResourceNames.IdentityDb),
        builder.AddConnectionString(ResourceNames.NotificationsDb),
        []);

    private static IResourceBuilder<IResource> AsResource<T>(this IResourceBuilder<T> resource) where T : IResource =>
        (IResourceBuilder<IResource>)resource;

    /// <summary>A fixed port from configuration, or a free one when it is 0 (tests run side by side).</summary>
    private static int Port(IDistributedApplicationBuilder builder, string key)
    {
        var port = builder.Configuration.GetValue<int?>(key) ?? 0;
        return port > 0 ? port : LocalServers.FreePort();
    }

    private static bool ContainerRuntimeAnswers()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME")
                      ?? Environment.GetEnvironmentVariable("DOTNET_ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no container CLI on this machine
        }
    }
}
