using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SocialPrescribing.Configuration;

namespace SocialPrescribing.Messaging.Tests;

/// <summary>No development secret outside Development: a missing or short secret stops start-up, naming the setting.</summary>
public sealed class RequiredSettingsTests
{
    private const string Key = "Operations:Key";

    [Fact]
    public void In_development_a_missing_secret_is_the_development_value() =>
        Assert.Equal("dev-value", RequiredSettings.Secret(Settings(null), Environment("Development"), Key, "dev-value"));

    [Fact]
    public void Outside_development_the_given_secret_is_used() =>
        Assert.Equal(new string('k', 40), RequiredSettings.Secret(Settings(new string('k', 40)), Environment("Production"), Key, "dev-value"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("dev-value")]
    [InlineData(" padded-secret-that-is-long-enough-to-pass ")]
    public void Outside_development_a_missing_or_short_secret_stops_start_up_naming_it(string? value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => RequiredSettings.Secret(Settings(value), Environment("Staging"), Key, "dev-value"));

        Assert.Contains(Key, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value?.Trim() is { Length: > 0 } given ? given : "\u0000", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [Key] = value }).Build();

    private static IHostEnvironment Environment(string name) => new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = name };
}
