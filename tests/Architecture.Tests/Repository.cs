namespace SocialPrescribing.Architecture.Tests;

/// <summary>The repository these tests read (the folder holding SocialPrescribing.sln above the test's output).</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    public static string Relative(string path) => Path.GetRelativePath(Root, path);

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
}
