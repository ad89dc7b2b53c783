using System.Globalization;
using System.Resources;

namespace SocialPrescribing.ServiceDirectory.Pages.Directory;

/// <summary>
/// The words of the directory's public pages in English (<c>DirectoryText.resx</c>) and Welsh (<c>DirectoryText.cy.resx</c>),
/// in the request's language (staff pages are always English). What providers wrote about their services — names,
/// descriptions, times, fees — is shown as they wrote it. The Welsh awaits review by a Welsh translator (README).
/// </summary>
public static class DirectoryText
{
    private static readonly ResourceManager Resources = new(typeof(DirectoryText).FullName!, typeof(DirectoryText).Assembly);

    /// <summary>The words for <paramref name="key"/>; a key that does not exist is a mistake.</summary>
    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"No directory text '{key}'.");

    /// <summary>The words for <paramref name="key"/> with values put in (numbers in the page's language).</summary>
    public static string Format(string key, params object[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);

    /// <summary>Our words for a term that may be ours (a need, a language), or <paramref name="otherwise"/> (what the data says).</summary>
    public static string Term(string prefix, string code, string otherwise) =>
        Resources.GetString(prefix + code, CultureInfo.CurrentUICulture) ?? otherwise;
}
