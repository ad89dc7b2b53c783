using SocialPrescribing.WebUI;

namespace SocialPrescribing.ServiceDirectory.Pages.Directory;

/// <summary>
/// The words of the directory's public pages in English (<c>DirectoryText.resx</c>) and Welsh (<c>DirectoryText.cy.resx</c>),
/// in the request's language (staff pages are always English). What providers wrote about their services — names,
/// descriptions, times, fees — is shown as they wrote it. The Welsh awaits review by a Welsh translator (README).
/// </summary>
public sealed class DirectoryText
{
    private DirectoryText()
    {
    }

    public static string Get(string key) => SuiteText.Get<DirectoryText>(key);

    public static string Format(string key, params object[] values) => SuiteText.Format<DirectoryText>(key, values);

    /// <summary>Our words for a term that may be ours (a need, a language), or <paramref name="otherwise"/> (what the data says).</summary>
    public static string Term(string prefix, string code, string otherwise) => SuiteText.Find<DirectoryText>(prefix + code) ?? otherwise;
}
