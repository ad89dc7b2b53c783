using System.Text.Json;
using System.Text.Json.Nodes;
using Product = SocialPrescribing.ServiceDirectory.Infrastructure.Import.OrukSchemas;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>Checks answers against the ORUK 3.0 schemas (the official files, as built into the service), naming every failure.</summary>
internal static class OrukSchemas
{
    public static void AssertValid(string path, JsonNode? instance)
    {
        using var document = JsonDocument.Parse(instance!.ToJsonString());
        var failures = Product.Check(path, document.RootElement);
        if (failures.Count > 0)
        {
            var text = instance.ToJsonString();
            Assert.Fail($"Not valid against {path}:\n{string.Join('\n', failures.Take(20))}\n{text[..Math.Min(600, text.Length)]}");
        }
    }
}
