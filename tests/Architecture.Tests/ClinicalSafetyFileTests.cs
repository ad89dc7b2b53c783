using System.Text.RegularExpressions;

namespace SocialPrescribing.Architecture.Tests;

/// <summary>
/// The clinical risk management file (docs/clinical-safety, DCB0129) stays whole: at least 25 hazards, each with its
/// cause, effect, initial risk, controls and residual risk; every rating is what the plan's likelihood × severity matrix
/// gives; and every test a control names (<c>Project/Class/Method</c>) exists — a control cannot lose its proof quietly.
/// </summary>
public sealed partial class ClinicalSafetyFileTests
{
    private static readonly string[] Likelihoods = ["Very low", "Low", "Medium", "High", "Very high"];

    private static readonly string[] Severities = ["Minor", "Significant", "Considerable", "Major", "Catastrophic"];

    /// <summary>The plan's matrix: [likelihood, severity] → rating, likelihood from very low to very high.</summary>
    private static readonly int[,] Matrix =
    {
        { 1, 1, 2, 2, 3 },
        { 1, 2, 2, 3, 4 },
        { 2, 2, 3, 3, 4 },
        { 2, 3, 3, 4, 5 },
        { 3, 4, 4, 5, 5 },
    };

    private static readonly string[] Parts = ["**Cause**", "**Effect**", "**Initial risk**", "**Controls**", "**Residual risk**"];

    private static IReadOnlyList<(string Id, string Text)> Hazards()
    {
        var log = File.ReadAllText(Path.Combine(Repository.Root, "docs", "clinical-safety", "hazard-log.md"));
        return [.. HazardHeading().Split(log).Skip(1).Chunk(2).Select(pair => (pair[0], pair.Length > 1 ? pair[1] : ""))];
    }

    [Fact]
    public void The_hazard_log_has_at_least_25_hazards_each_with_every_part()
    {
        var hazards = Hazards();

        Assert.True(hazards.Count >= 25, $"The hazard log has {hazards.Count} hazards; DCB0129's file for this suite needs at least 25.");
        var missing = hazards.SelectMany(h => Parts.Where(p => !h.Text.Contains(p, StringComparison.Ordinal)).Select(p => $"{h.Id} has no {p}")).ToList();
        Assert.True(missing.Count == 0, string.Join("; ", missing));
        Assert.Equal(hazards.Count, hazards.Select(h => h.Id).Distinct().Count());
    }

    [Fact]
    public void Every_risk_rating_is_the_one_the_matrix_gives()
    {
        var wrong = new List<string>();
        foreach (var (id, text) in Hazards())
        {
            foreach (var part in new[] { "Initial risk", "Residual risk" })
            {
                var rating = Rating().Match(text[text.IndexOf($"**{part}**", StringComparison.Ordinal)..]);
                if (!rating.Success)
                {
                    wrong.Add($"{id}: {part} is not 'likelihood × severity = rating'");
                    continue;
                }

                var likelihood = Array.IndexOf(Likelihoods, rating.Groups["likelihood"].Value);
                var severity = Array.IndexOf(Severities, rating.Groups["severity"].Value);
                var given = int.Parse(rating.Groups["rating"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (likelihood < 0 || severity < 0 || Matrix[likelihood, severity] != given)
                {
                    wrong.Add($"{id}: {part} {rating.Value}");
                }
            }
        }

        Assert.True(wrong.Count == 0, "Not as the matrix in plan.md gives: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Every_test_a_control_names_exists()
    {
        var named = Hazards().SelectMany(h => TestReference().Matches(h.Text).Select(m => (h.Id, Project: m.Groups[1].Value, Class: m.Groups[2].Value, Method: m.Groups[3].Value))).ToList();
        Assert.True(named.Count >= 50, $"Only {named.Count} tests are named as proof of controls.");

        var missing = new List<string>();
        foreach (var group in named.GroupBy(n => n.Project))
        {
            var folder = Path.Combine(Repository.Root, "tests", group.Key);
            var sources = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !Repository.Relative(f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
                    .Select(File.ReadAllText).ToList()
                : [];
            foreach (var (id, project, type, method) in group)
            {
                var declared = sources.Any(source =>
                    Regex.IsMatch(source, $@"\bclass\s+{Regex.Escape(type)}\b") && Regex.IsMatch(source, $@"\b(Task|void)\s+{Regex.Escape(method)}\s*\("));
                if (!declared)
                {
                    missing.Add($"{id}: {project}/{type}/{method}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Named in the hazard log but not found: " + string.Join("; ", missing));
    }

    [GeneratedRegex(@"^### (H\d+) — .*$", RegexOptions.Multiline)]
    private static partial Regex HazardHeading();

    [GeneratedRegex(@"(?<likelihood>Very low|Low|Medium|High|Very high) × (?<severity>Minor|Significant|Considerable|Major|Catastrophic) = (?<rating>\d)")]
    private static partial Regex Rating();

    [GeneratedRegex(@"`([A-Za-z]+\.Tests)/([A-Za-z0-9_]+)/([A-Za-z0-9_]+)`")]
    private static partial Regex TestReference();
}
