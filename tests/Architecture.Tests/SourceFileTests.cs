namespace SocialPrescribing.Architecture.Tests;

/// <summary>
/// Short files a newcomer can read: every service's <c>Program.cs</c> is the shared start-up plus its own
/// parts (25 lines at most), and no product file is over 300 lines — generated migrations and the
/// demonstration seed data aside.
/// </summary>
public sealed class SourceFileTests
{
    private const int MaxProgramLines = 25;
    private const int MaxFileLines = 300;

    private static readonly string[] ProductFolders = ["services", "gateway", "ServiceDefaults", "AppHost"];

    /// <summary>Data, not code: the demonstration directory written out as records.</summary>
    private static readonly string[] Exempt = ["DemoDirectory.cs"];

    [Fact]
    public void Every_Program_cs_is_at_most_25_lines()
    {
        var programs = ProductFiles().Where(f => Path.GetFileName(f) == "Program.cs" && !f.Contains($"{Path.DirectorySeparatorChar}AppHost{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(programs);
        var tooLong = programs.Select(f => (File: Relative(f), Lines: File.ReadAllLines(f).Length)).Where(f => f.Lines > MaxProgramLines).ToList();
        Assert.True(tooLong.Count == 0, "Longer than 25 lines: " + string.Join(", ", tooLong.Select(f => $"{f.File} ({f.Lines})")));
    }

    [Fact]
    public void No_product_file_is_over_300_lines()
    {
        var files = ProductFiles().Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count > 100, $"Found only {files.Count} product files under {Root}");
        var tooLong = files.Where(f => !Exempt.Contains(Path.GetFileName(f)))
            .Select(f => (File: Relative(f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxFileLines)
            .OrderByDescending(f => f.Lines)
            .ToList();
        Assert.True(tooLong.Count == 0, "Over 300 lines: " + string.Join(", ", tooLong.Select(f => $"{f.File} ({f.Lines})")));
    }

    private static string Root => Repository.Root;

    private static IEnumerable<string> ProductFiles() =>
        ProductFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories))
            .Where(f => !Relative(f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "Migrations" or "node_modules"));

    private static string Relative(string path) => Repository.Relative(path);
}
