using System.Text.Json;
using Json.Schema;

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Import;

/// <summary>
/// The Open Referral UK 3.0 JSON schemas (data/oruk3, CC BY-SA 4.0, built into this assembly), and a
/// check that names every place an instance breaks them, so an import can say what it rejected and why.
/// </summary>
public static class OrukSchemas
{
    // ORUK's schemas carry descriptive keywords of their own (name, core, constraints …): allowed, not checked.
    private static readonly BuildOptions Options = new()
    {
        SchemaRegistry = new SchemaRegistry(),
        Dialect = Dialect.Draft202012.With([], null, null, allowUnknownKeywords: true),
    };

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
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

                using var stream = typeof(OrukSchemas).Assembly.GetManifestResourceStream($"oruk3/{path}")
                    ?? throw new ArgumentException($"There is no ORUK schema '{path}'.", nameof(path));
                using var document = JsonDocument.Parse(stream);
                schema = JsonSchema.Build(document.RootElement.Clone(), Options, new Uri($"https://openreferraluk.org/schema/{path}"));
                Built[path] = schema;
            }

            return schema;
        }
    }

    /// <summary>Where and how <paramref name="instance"/> breaks the schema at <paramref name="path"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(string path, JsonElement instance)
    {
        var result = Get(path).Evaluate(instance, Evaluation);
        if (result.IsValid)
        {
            return [];
        }

        return
        [
            .. (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{Where(d.InstanceLocation.ToString())}: {e.Value}"))
                .Distinct(),
        ];
    }

    private static string Where(string pointer) => pointer.Length == 0 ? "(the whole record)" : pointer;
}
