using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

// GetEnvironmentVariableValuesAsync is obsolete in favour of ExecutionConfigurationBuilder; it still reads the model as published.
#pragma warning disable CS0618

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>The AppHost's model under operator settings (built, not started).</summary>
public sealed class AppHostModelTests
{
    [Fact]
    public async Task With_an_external_provider_the_identity_service_is_not_deployed_and_every_project_is_told_the_authority()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "Infra=external", "ConnectionStrings:messaging=amqp://mq.example.test",
            "ConnectionStrings:referraldb=Host=db.example.test;Database=referraldb", "ConnectionStrings:casedb=Host=db.example.test;Database=casedb",
            "ConnectionStrings:directorydb=Host=db.example.test;Database=directorydb", "ConnectionStrings:wellbeingdb=Host=db.example.test;Database=wellbeingdb",
            "ConnectionStrings:identitydb=Host=db.example.test;Database=identitydb",
            "Auth:Authority=https://login.example.test/tenant/v2.0", "Auth:Audience=api://socialprescribing", "Auth:RoleClaim=roles",
            "Auth:ClientId=socialprescribing-gateway", "Parameters:auth-client-secret=s3cret",
        ]);

        Assert.DoesNotContain(builder.Resources, r => r.Name == ResourceNames.Identity);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var environment = await project.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
            Assert.Equal("https://login.example.test/tenant/v2.0", environment["Auth__Authority"]);
            Assert.Equal("roles", environment["Auth__RoleClaim"]);
        }
    }

    [Fact]
    public async Task By_default_the_suite_runs_its_own_identity_service()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["Infra=local"]);

        Assert.Contains(builder.Resources, r => r.Name == ResourceNames.Identity);
        var gateway = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == ResourceNames.Gateway);
        Assert.DoesNotContain("Auth__Authority", (await gateway.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish)).Keys);
    }

    [Fact]
    public async Task Locally_the_services_reach_postgresql_through_its_unix_socket_in_the_data_folder()
    {
        var (connectionString, dataDir) = await ReferralDbConnectionString("data");

        Assert.StartsWith($"Host={Path.Combine(dataDir, "postgres")};Port=", connectionString);
    }

    [Fact]
    public async Task A_data_folder_too_deep_for_a_socket_address_falls_back_to_the_loopback_address()
    {
        var (connectionString, _) = await ReferralDbConnectionString(new string('d', 100));

        Assert.StartsWith("Host=127.0.0.1;Port=", connectionString);
    }

    /// <summary>The referral database's connection string with the data folder <paramref name="folder"/> in a throw-away folder.</summary>
    private static async Task<(string? ConnectionString, string DataDir)> ReferralDbConnectionString(string folder)
    {
        var root = Directory.CreateTempSubdirectory("sp-model-").FullName;
        try
        {
            var dataDir = Path.Combine(root, folder);
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["Infra=local", $"Infra:DataDir={dataDir}"]);
            var database = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == ResourceNames.ReferralDb);
            return (await database.GetConnectionStringAsync(), dataDir);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
