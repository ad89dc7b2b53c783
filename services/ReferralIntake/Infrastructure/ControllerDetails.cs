namespace SocialPrescribing.ReferralIntake.Infrastructure;

/// <summary>
/// Who is responsible for the person's data (the data controller: the deploying body) and how to reach
/// them, as the privacy notice, accessibility statement and cookies page name them. Settings
/// <c>Privacy:ControllerName</c> and <c>Privacy:ControllerContact</c>, with <c>Privacy:ControllerNameCy</c> and
/// <c>Privacy:ControllerContactCy</c> for the Welsh pages (the English ones are used when those are not set); the
/// defaults are examples.
/// </summary>
public sealed record ControllerDetails(string Name, string Contact)
{
    public const string NameSetting = "Privacy:ControllerName";
    public const string ContactSetting = "Privacy:ControllerContact";

    /// <summary>The details in the page's language (Welsh settings first on a Welsh page).</summary>
    public static ControllerDetails From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var welsh = SocialPrescribing.WebUI.SuiteLanguages.IsWelsh;
        string? Setting(string key) =>
            (welsh ? configuration[key + "Cy"] : null) is { Length: > 0 } cy ? cy : configuration[key] is { Length: > 0 } value ? value : null;
        return new ControllerDetails(
            Setting(NameSetting) ?? (welsh ? "Y gwasanaeth presgripsiynu cymdeithasol" : "The social prescribing service"),
            Setting(ContactSetting) ?? (welsh ? "privacy@socialprescribing.example, neu 0113 496 0000" : "privacy@socialprescribing.example, or 0113 496 0000"));
    }
}
