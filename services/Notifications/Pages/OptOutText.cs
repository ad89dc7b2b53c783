using SocialPrescribing.WebUI;

namespace SocialPrescribing.Notifications.Pages;

/// <summary>The words of the opt-out page (the link in every message to the person), in English and Welsh.</summary>
public sealed class OptOutText
{
    private OptOutText()
    {
    }

    public static string Get(string key) => SuiteText.Get<OptOutText>(key);
}
