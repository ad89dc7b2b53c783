using System.Xml.Linq;

namespace SocialPrescribing.Architecture.Tests;

/// <summary>
/// Every English resource file has its Welsh twin with the same keys, none blank and none left in English: a missing or
/// untranslated string fails here, never as a blank or English label on a Welsh screen.
/// </summary>
public sealed class TranslationTests
{
    /// <summary>Words that are the same in both languages (a language's own name is written in that language).</summary>
    private static readonly HashSet<string> SameInBoth = [];

    public static TheoryData<string> EnglishResources()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "services"), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && Path.GetFileNameWithoutExtension(f).Split('.').Length == 1)
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Repository.Relative(file));
        }

        return data;
    }

    [Fact]
    public void There_are_resources_to_check()
    {
        Assert.NotEmpty(EnglishResources());
    }

    [Theory]
    [MemberData(nameof(EnglishResources))]
    public void Each_english_resource_has_a_welsh_one_with_every_key_translated(string english)
    {
        var welsh = Path.ChangeExtension(Path.Combine(Repository.Root, english), null) + ".cy.resx";
        Assert.True(File.Exists(welsh), $"{english} has no Welsh twin ({Repository.Relative(welsh)}).");
        var en = Read(Path.Combine(Repository.Root, english));
        var cy = Read(welsh);

        Assert.Equal(en.Keys.Order(StringComparer.Ordinal), cy.Keys.Order(StringComparer.Ordinal));
        Assert.All(cy, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is blank in Welsh."));
        var untranslated = en.Where(pair => cy[pair.Key] == pair.Value && !SameInBoth.Contains(pair.Value)).Select(pair => pair.Key).ToList();
        Assert.True(untranslated.Count == 0, $"Still in English in {Repository.Relative(welsh)}: {string.Join(", ", untranslated)}");
        // A placeholder ({0}) in one language and not the other would drop or break the words around a link.
        Assert.All(en, pair => Assert.Equal(Placeholders(pair.Value), Placeholders(cy[pair.Key])));
    }

    /// <summary>Long prose is a partial per language (<c>_PrivacyText.cshtml</c> and <c>_PrivacyText.cy.cshtml</c>): each needs its twin.</summary>
    [Fact]
    public void Each_english_prose_partial_has_a_welsh_one()
    {
        var partials = Directory.EnumerateFiles(Path.Combine(Repository.Root, "services"), "_*Text.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(partials);
        Assert.All(partials, english =>
        {
            var welsh = Path.ChangeExtension(english, null) + ".cy.cshtml";
            Assert.True(File.Exists(welsh), $"{Repository.Relative(english)} has no Welsh twin.");
            Assert.NotEqual(File.ReadAllText(english), File.ReadAllText(welsh));
        });
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal));
}
