using System.Globalization;
using System.Resources;

namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>
/// The words of Referral Intake's public screens, in English (<c>PublicText.resx</c>) and Welsh (<c>PublicText.cy.resx</c>):
/// read with <c>IStringLocalizer&lt;PublicText&gt;</c> (or <see cref="Get"/>) in the request's language. The Welsh awaits
/// review by a Welsh translator before production (README).
/// </summary>
public sealed class PublicText
{
    private static readonly ResourceManager Resources = new(typeof(PublicText).FullName!, typeof(PublicText).Assembly);

    private PublicText()
    {
    }

    /// <summary>The words for <paramref name="key"/> in the current UI language; a key that does not exist is a mistake.</summary>
    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"No public text '{key}'.");
}
