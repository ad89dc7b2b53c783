using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SocialPrescribing.TestSupport;

/// <summary>
/// Finds English left on a page that should be Welsh: every English resource string (of the given <c>.resx</c> files)
/// whose Welsh differs, looked for in the page's text. Strings with a placeholder are looked for piece by piece; very
/// short pieces ("Debt", "Email") are skipped, as they could be a person's own words or a name.
/// </summary>
public static partial class EnglishLeft
{
    private const int Shortest = 12;

    /// <summary>The English strings found in <paramref name="html"/>; <paramref name="resources"/> are paths from the repository root.</summary>
    public static IReadOnlyList<string> In(string html, params string[] resources)
    {
        ArgumentNullException.ThrowIfNull(html);
        // The words people read, and those read to them: text, and labels and alternatives in attributes.
        var spoken = string.Join(" ", SpokenAttributes().Matches(html).Select(m => m.Groups[1].Value));
        var text = WebUtility.HtmlDecode(Tags().Replace(html, " ") + " " + spoken);
        text = Spaces().Replace(text, " ");
        return [.. resources.SelectMany(EnglishOnly)
            .SelectMany(english => Placeholder().Split(english))
            .Select(piece => piece.Trim())
            .Where(piece => piece.Length >= Shortest && text.Contains(piece, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// For pages whose words are not resources (long prose with a partial per language): the sentences of the English
    /// page (three words or more) that are still on the Welsh one. Names, addresses and numbers are shorter than that.
    /// </summary>
    public static IReadOnlyList<string> Compared(string englishHtml, string welshHtml)
    {
        var welsh = TextOf(welshHtml);
        return [.. Sentence().Split(TextOf(englishHtml, separate: true))
            .Select(sentence => sentence.Trim())
            .Where(sentence => sentence.Split(' ').Length >= 3 && sentence.Length >= 20 && welsh.Contains(sentence, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];
    }

    private static string TextOf(string html, bool separate = false) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, separate ? ". " : " ")), " ");

    private static IEnumerable<string> EnglishOnly(string resource)
    {
        var english = Read(Path.Combine(Root, resource));
        var welsh = Read(Path.Combine(Root, Path.ChangeExtension(resource, null) + ".cy.resx"));
        return english.Where(pair => !welsh.TryGetValue(pair.Key, out var cy) || cy != pair.Value).Select(pair => pair.Value);
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SocialPrescribing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SocialPrescribing.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\b(?:aria-label|alt|title|placeholder)=\"([^\"]*)\"")]
    private static partial Regex SpokenAttributes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<=[.:;!?])\s|\.\s")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
