using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocialPrescribing.Messaging.Tests;

/// <summary>The console's log level holds however the orchestrator spelled the console's section.</summary>
public sealed class ConsoleLogLevelTests
{
    [Theory]
    [InlineData("Logging:Console:LogLevel:Default")]
    // The spelling of Aspire's LOGGING__CONSOLE__FORMATTERNAME: the built-in filter files it under "CONSOLE" and never applies it.
    [InlineData("LOGGING:CONSOLE:LOGLEVEL:DEFAULT")]
    public void The_console_logs_from_the_level_an_operator_set(string key)
    {
        var console = ConsoleLogger(new() { [key] = "Warning", ["Logging:LogLevel:Default"] = "Information" });

        Assert.False(console.IsEnabled(LogLevel.Information));
        Assert.True(console.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void A_category_of_the_console_section_keeps_its_own_level()
    {
        var console = ConsoleLogger(new()
        {
            ["LOGGING:CONSOLE:LOGLEVEL:DEFAULT"] = "Warning",
            ["LOGGING:CONSOLE:LOGLEVEL:SocialPrescribing"] = "Debug",
        });

        Assert.True(console.IsEnabled(LogLevel.Debug));
    }

    private static ILogger ConsoleLogger(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddConsole();
        builder.ApplyConsoleLogLevels();
        var host = builder.Build();
        return host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SocialPrescribing.Example");
    }
}
