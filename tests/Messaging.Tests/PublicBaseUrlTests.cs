using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SocialPrescribing.Http;

namespace SocialPrescribing.Messaging.Tests;

/// <summary>Links a person receives come from the configured public address: required, and https, outside Development.</summary>
public sealed class PublicBaseUrlTests
{
    [Fact]
    public void Development_defaults_to_the_local_gateway() =>
        Assert.Equal("http://localhost:8080/wellbeing/complete/abc", PublicBaseUrl.From(Settings(null), Environment("Development")).Link("/wellbeing/complete/abc"));

    [Theory]
    [InlineData("https://sp.example.nhs.uk", "https://sp.example.nhs.uk/refer")]
    [InlineData("https://sp.example.nhs.uk/", "https://sp.example.nhs.uk/refer")]
    [InlineData("https://example.nhs.uk/social-prescribing", "https://example.nhs.uk/social-prescribing/refer")]
    public void Links_are_built_under_the_configured_address(string setting, string expected) =>
        Assert.Equal(expected, PublicBaseUrl.From(Settings(setting), Environment("Production")).Link("/refer"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://sp.example.nhs.uk")]
    [InlineData("sp.example.nhs.uk")]
    [InlineData("https://sp.example.nhs.uk/?x=1")]
    [InlineData("https://user:pass@sp.example.nhs.uk")]
    [InlineData("ftp://sp.example.nhs.uk")]
    public void Outside_development_a_missing_or_unsafe_address_stops_start_up_naming_the_setting(string? setting)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => PublicBaseUrl.From(Settings(setting), Environment("Production")));
        Assert.Contains(PublicBaseUrl.Setting, refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicBaseUrl.Setting] = value }).Build();

    private static IHostEnvironment Environment(string name) => new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = name };
}
