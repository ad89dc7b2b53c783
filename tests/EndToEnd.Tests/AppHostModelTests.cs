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
    public async Task A_keys_folder_given_to_the_AppHost_reaches_every_service()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["Infra=local", "DataProtection:KeysPath=/srv/keys"]);

        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var environment = await project.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
            Assert.Equal("/srv/keys", environment["DataProtection__KeysPath"]);
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
    public async Task Every_secret_is_a_secret_parameter_the_AppHost_generates_and_the_gateway_and_identity_share_theirs()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["Infra=local"]);
        var projects = builder.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name);

        async Task<string> SettingOf(string project, string key) =>
            (await projects[project].GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish))[key];

        Assert.Equal("{gateway-client-secret.value}", await SettingOf(ResourceNames.Gateway, "Gateway__ClientSecret"));
        Assert.Equal("{gateway-client-secret.value}", await SettingOf(ResourceNames.Identity, "Identity__GatewayClientSecret"));
        foreach (var service in new[] { ResourceNames.ReferralIntake, ResourceNames.CaseManagement, ResourceNames.ServiceDirectory, ResourceNames.WellbeingMetrics })
        {
            Assert.Equal("{operator-key.value}", await SettingOf(service, "Operations__Key"));
        }

        Assert.All(builder.Resources.OfType<ParameterResource>().Where(p => p.Name is "gateway-client-secret" or "operator-key"), p => Assert.True(p.Secret));
    }
}
