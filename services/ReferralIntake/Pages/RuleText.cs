using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>
/// The referral rules' messages (<see cref="Model.ReferralRules"/>, written in English for the API and the staff screens)
/// in the public form's language: <c>RuleText.resx</c> is keyed by each English message, <c>RuleText.cy.resx</c> holds
/// its Welsh. A message with a value in it ("the postcode area ZZ9") matches its key's <c>{0}</c>. A message with no
/// translation stays in English rather than disappearing; a test makes every rule's message translated.
/// </summary>
public static class RuleText
{
    private static readonly System.Resources.ResourceManager Resources = SocialPrescribing.WebUI.SuiteText.Resources(typeof(RuleText));

    private static readonly Lazy<IReadOnlyList<(Regex Pattern, string Key)>> Templates = new(() =>
        [.. Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .Select(entry => (string)entry.Key)
            .Where(key => key.Contains("{0}", StringComparison.Ordinal))
            .Select(key => (new Regex("^" + Regex.Escape(key).Replace(@"\{0}", "(.+)", StringComparison.Ordinal) + "$", RegexOptions.Singleline, TimeSpan.FromSeconds(1)), key))]);

    /// <summary>The message in the current UI language.</summary>
    public static string Translate(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Resources.GetString(message, CultureInfo.CurrentUICulture) is { } words)
        {
            return words;
        }

        foreach (var (pattern, key) in Templates.Value)
        {
            var match = pattern.Match(message);
            if (match.Success && Resources.GetString(key, CultureInfo.CurrentUICulture) is { } template)
            {
                return string.Format(CultureInfo.CurrentCulture, template, match.Groups[1].Value);
            }
        }

        return message;
    }
}
