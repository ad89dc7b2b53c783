using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SocialPrescribing.Configuration;

/// <summary>
/// Secrets are settings an operator must give outside Development: no development value ever stands in
/// for one in a real deployment. A missing or too short secret stops start-up with a message naming the
/// setting (the AppHost generates each as a secret parameter; Kubernetes takes them from a Secret).
/// </summary>
public static class RequiredSettings
{
    /// <summary>The shortest secret accepted outside Development (the AppHost generates 32 characters or more).</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>
    /// The secret at <paramref name="key"/>. In Development a missing one is <paramref name="developmentValue"/>;
    /// anywhere else it must be set, at least <paramref name="minimumLength"/> characters.
    /// </summary>
    public static string? Secret(IConfiguration configuration, IHostEnvironment environment, string key, string? developmentValue, int minimumLength = MinimumSecretLength)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var value = configuration[key];
        if (environment.IsDevelopment())
        {
            return string.IsNullOrEmpty(value) ? developmentValue : value;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"The secret setting {key} is required outside Development (as the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}); no development value is used in {environment.EnvironmentName}.");
        }

        if (value.Length < minimumLength || value.Trim().Length != value.Length)
        {
            throw new InvalidOperationException($"The secret setting {key} must be at least {minimumLength} characters, without leading or trailing spaces.");
        }

        return value;
    }
}
