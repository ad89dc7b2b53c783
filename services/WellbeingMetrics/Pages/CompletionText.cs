using SocialPrescribing.WebUI;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>
/// The words of the questionnaire completion page around the questions, in English (<c>CompletionText.resx</c>) and
/// Welsh (<c>CompletionText.cy.resx</c>); the questions themselves are the instrument's validated wording (its
/// translations), never these resources. The Welsh awaits review by a Welsh translator (README).
/// </summary>
public sealed class CompletionText
{
    private CompletionText()
    {
    }

    public static string Get(string key) => SuiteText.Get<CompletionText>(key);

    public static string Format(string key, params object[] values) => SuiteText.Format<CompletionText>(key, values);
}
