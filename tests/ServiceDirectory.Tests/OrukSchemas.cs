using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>The ORUK 3.0 schemas (data/oruk3, copied next to the tests), and a check that names every failure.</summary>
internal static class OrukSchemas
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "oruk3");
    // ORUK's schemas carry descriptive keywords of their own (name, core, constraints …): allowed, not checked.
    private static readonly BuildOptions Options = new()
    {
        SchemaRegistry = new SchemaRegistry(),
        Dialect = Dialect.Draft202012.With([], null, null, allowUnknownKeywords: true),
    };
    private static readonly Dictionary<string, JsonSchema> Built = [];
    private static readonly Lock Gate = new();

    /// <summary>A schema by its path under schema/ (<c>compiled/service.json</c>, <c>taxonomy.json</c>).</summary>
    public static JsonSchema Get(string path)
    {
        lock (Gate)
        {
            if (!Built.TryGetValue(path, out var schema))
            {
                // Build what a schema refers to first (taxonomy.json refers to taxonomy_term.json).
                if (path == "taxonomy.json")
                {
                    Get("taxonomy_term.json");
                }

                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, path)));
                schema = JsonSchema.Build(document.RootElement.Clone(), Options, new Uri($"https://oruk.test/schema/{path}"));
                Built[path] = schema;
            }

            return schema;
        }
    }

    public static void AssertValid(string path, JsonNode? instance)
    {
        using var document = JsonDocument.Parse(instance!.ToJsonString());
        var result = Get(path).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var failures = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
            Assert.Fail($"Not valid against {path}:\n{string.Join('\n', failures.Take(20))}\n{instance.ToJsonString()[..Math.Min(600, instance.ToJsonString().Length)]}");
        }
    }
}
