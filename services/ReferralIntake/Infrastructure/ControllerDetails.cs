namespace SocialPrescribing.ReferralIntake.Infrastructure;

/// <summary>
/// Who is responsible for the person's data (the data controller: the deploying body) and how to reach
/// them, as the privacy notice, accessibility statement and cookies page name them. Settings
/// <c>Privacy:ControllerName</c> and <c>Privacy:ControllerContact</c>; the defaults are examples.
/// </summary>
public sealed record ControllerDetails(string Name, string Contact)
{
    public const string NameSetting = "Privacy:ControllerName";
    public const string ContactSetting = "Privacy:ControllerContact";

    public static ControllerDetails From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ControllerDetails(
            configuration[NameSetting] is { Length: > 0 } name ? name : "The social prescribing service",
            configuration[ContactSetting] is { Length: > 0 } contact ? contact : "privacy@socialprescribing.example, or 0113 496 0000");
    }
}
