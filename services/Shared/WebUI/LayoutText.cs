using System.Globalization;

namespace SocialPrescribing.WebUI;

/// <summary>
/// The words of the shared page frame (header, language switch, footer, crisis line) in English (<c>LayoutText.resx</c>)
/// and Welsh (<c>LayoutText.cy.resx</c>), in the request's language. Read through the resource manager so every service's
/// screens can use the frame; a key missing from a language fails the translation test, never a screen.
/// </summary>
public static class LayoutText
{
    public static string Get(string key) => SuiteText.Resources(typeof(LayoutText)).GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
