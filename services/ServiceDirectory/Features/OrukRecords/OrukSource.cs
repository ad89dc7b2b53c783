using System.Text.Json;
using System.Text.Json.Nodes;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features.OrukRecords;

/// <summary>
/// What a feed sent, given back: a record is kept as it was last written (<see cref="Service.Source"/>,
/// <see cref="Organization.Source"/>), and every answer is that record with what the directory models laid over it.
/// The directory's values win wherever it has one (its edits, counts and normalised forms); everything it does not model —
/// HSDS fields it has no column for, a position it would not use, a place with no location — comes back as it was sent.
/// Every write replaces the kept record whole, so nothing removed comes back.
/// </summary>
public static class OrukSource
{
    /// <summary>The directory's record (<paramref name="ours"/>) over what was sent (<paramref name="source"/>, JSON text or null).</summary>
    public static JsonObject Over(string? source, object ours)
    {
        var modelled = JsonSerializer.SerializeToNode(ours, Oruk.Json)!.AsObject();
        return source is null ? modelled : (JsonObject)Merge(JsonNode.Parse(source), modelled)!;
    }

    /// <summary>
    /// Objects key by key; arrays of records by id (the directory's records in its order, merged with the sent one of the same
    /// id, then the sent records it does not model); anything else: the directory's value, or the sent one where it has none.
    /// </summary>
    public static JsonNode? Merge(JsonNode? sent, JsonNode? ours)
    {
        switch (ours)
        {
            case null:
                return sent?.DeepClone();
            case JsonObject ourObject when sent is JsonObject sentObject:
                // The directory's fields in its order, then the rest as sent (PostgreSQL's jsonb keeps no order of its own).
                var merged = new JsonObject();
                foreach (var (key, value) in ourObject)
                {
                    merged[key] = Merge(sentObject[key], value);
                }

                foreach (var (key, value) in sentObject.Where(p => !ourObject.ContainsKey(p.Key)))
                {
                    merged[key] = value?.DeepClone();
                }

                return merged;
            case JsonArray ourArray when sent is JsonArray sentArray && ourArray.All(x => IdOf(x) is not null):
                var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var records = new JsonArray();
                foreach (var item in ourArray)
                {
                    var id = IdOf(item)!;
                    ids.Add(id);
                    records.Add(Merge(sentArray.FirstOrDefault(x => string.Equals(IdOf(x), id, StringComparison.OrdinalIgnoreCase)), item));
                }

                foreach (var item in sentArray.Where(x => IdOf(x) is { } id && !ids.Contains(id)))
                {
                    records.Add(item!.DeepClone());
                }

                return records;
            default:
                return ours.DeepClone();
        }
    }

    /// <summary>The record of <paramref name="id"/> in the kept record's array <paramref name="property"/>, as JSON text.</summary>
    public static string? Part(string? source, string property, Guid id) =>
        source is null || JsonNode.Parse(source)?[property] is not JsonArray records
            ? null
            : records.FirstOrDefault(r => string.Equals(IdOf(r), id.ToString(), StringComparison.OrdinalIgnoreCase))?.ToJsonString();

    /// <summary>A text field of the kept record (parsed) that the directory does not model (e.g. <c>application_process</c>).</summary>
    public static string? Text(JsonNode? source, string property) =>
        source?[property] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static string? IdOf(JsonNode? node) =>
        node is JsonObject o && o["id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
}
