namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>
/// A wellbeing instrument described as data, so an operator can add one (items, ranges, scoring rule)
/// without a code change. Stored as JSON in the instruments table.
/// </summary>
public sealed record InstrumentDefinition(
    string Id,
    string Name,
    string Description,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<ResponseOption> ResponseOptions,
    InstrumentScoring Scoring,
    string? Licence = null,
    SupplementaryQuestion? Supplementary = null);

/// <summary>One question; <see cref="Min"/>..<see cref="Max"/> is the range of an answer.</summary>
public sealed record InstrumentItem(int Number, string Key, string Text, int Min, int Max, string? LowLabel = null, string? HighLabel = null);

public sealed record ResponseOption(int Value, string Label);

/// <summary>
/// How responses become a score. <c>Method</c>: <c>sum</c> (total of items), <c>separate</c> (each item
/// scored on its own, never summed), <c>sum-then-table</c> (raw total converted by <c>ConversionTable</c>).
/// </summary>
public sealed record InstrumentScoring(
    string Method,
    int? RawMin,
    int? RawMax,
    IReadOnlyDictionary<int, decimal>? ConversionTable = null,
    IReadOnlyList<ScoreBand>? ItemBands = null,
    decimal? MeaningfulChange = null,
    string? Notes = null);

/// <summary>A band for one item (or all items when <c>ItemKey</c> is null): From..To inclusive.</summary>
public sealed record ScoreBand(string? ItemKey, int From, int To, string Label);

public sealed record SupplementaryQuestion(string Key, string Text, IReadOnlyList<string> Answers);
