using SocialPrescribing.WebUI;

namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>
/// The words of Referral Intake's public screens, in English (<c>PublicText.resx</c>) and Welsh (<c>PublicText.cy.resx</c>):
/// read with <c>IStringLocalizer&lt;PublicText&gt;</c> (or <see cref="Get"/>) in the request's language. The Welsh awaits
/// review by a Welsh translator before production (README).
/// </summary>
public sealed class PublicText
{
    private PublicText()
    {
    }

    public static string Get(string key) => SuiteText.Get<PublicText>(key);
}
