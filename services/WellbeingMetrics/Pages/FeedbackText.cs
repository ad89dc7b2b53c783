using SocialPrescribing.WebUI;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>
/// The words of the feedback page (the Friends and Family Test and the two questions in the person's own words), in
/// English (<c>FeedbackText.resx</c>) and Welsh (<c>FeedbackText.cy.resx</c>). The Welsh awaits review by a Welsh translator (README).
/// </summary>
public sealed class FeedbackText
{
    private FeedbackText()
    {
    }

    public static string Get(string key) => SuiteText.Get<FeedbackText>(key);
}
