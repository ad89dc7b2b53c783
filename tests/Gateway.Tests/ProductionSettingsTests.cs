using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SocialPrescribing.Gateway.Tests;

/// <summary>
/// Outside Development the gateway starts only with its secrets and addresses given, each checked
/// (no development value stands in), and sends HSTS over https.
/// </summary>
public sealed class ProductionSettingsTests
{
    private const string Secret = "a-production-secret-of-32-or-more-chars";

    [Theory]
    [InlineData("Gateway:ClientSecret", null)]
    [InlineData("Gateway:ClientSecret", "too-short")]
    [InlineData("Gateway:PublicBaseUrl", null)]
    [InlineData("Gateway:PublicBaseUrl", "http://sp.example.nhs.uk")]
    [InlineData("Gateway:TrustedProxies", "10.0.0.300")]
    [InlineData("Gateway:TrustedProxies", "ingress-controller")]
    public void A_missing_or_malformed_setting_stops_start_up_naming_it(string setting, string? value)
    {
        using var gateway = Production(new() { [setting] = value });

        var refused = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains(setting, Flatten(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_its_settings_it_starts_and_sends_hsts_over_https()
    {
        using var gateway = Production(new() { ["Gateway:TrustedProxies"] = "10.0.0.0/8, 192.168.1.7" });
        using var client = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://sp.example.nhs.uk"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/alive");

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> Production(Dictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:ClientSecret"] = Secret,
            ["Gateway:PublicBaseUrl"] = "https://sp.example.nhs.uk",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is null ? "" : " | " + Flatten(exception.InnerException));
}
