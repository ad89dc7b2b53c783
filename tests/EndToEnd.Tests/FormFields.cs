using System.Text.RegularExpressions;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>What a test needs from a server-rendered form to post it back as a browser would (the end-to-end twin of TestSupport's, which this project cannot reference).</summary>
internal static partial class FormFields
{
    /// <summary>The antiforgery token a Razor form carries in its hidden field.</summary>
    public static string AntiforgeryToken(string html) => AntiforgeryPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
