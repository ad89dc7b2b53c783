using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SocialPrescribing.WellbeingMetrics.Features;

/// <summary>
/// An admin's JSON read as one of the API's records: its own field names only, nothing it does not know; a field that is
/// missing, mistyped or unknown is named in a 400.
/// </summary>
public static class StrictJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the problem naming the field (<paramref name="what"/>: "an instrument definition").</summary>
    public static (T? Value, ValidationProblem? Problem) Read<T>(JsonDocument document, string what, string title)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            return (document.RootElement.Deserialize<T>(Options), null);
        }
        catch (JsonException ex)
        {
            return (default, TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.')] =
                    [$"This is missing, not of the right type, or not a field of {what}."],
            }, title: title));
        }
    }
}
