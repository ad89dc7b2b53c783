namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>
/// A wellbeing instrument described as data, so an operator can add one (items, ranges, scoring rule)
/// without a code change. Stored as JSON in the instruments table; checked by <see cref="DefinitionRules"/>.
/// </summary>
public sealed record InstrumentDefinition(
    string Id,
    string Name,
    string Description,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<ResponseOption> ResponseOptions,
    InstrumentScoring Scoring,
    string? Licence = null,
    SupplementaryQuestion? Supplementary = null,
    IReadOnlyDictionary<string, InstrumentTranslation>? Translations = null)
{
    /// <summary>
    /// The validated wording in <paramref name="language"/> (<c>cy</c>), or null when there is none: the questions are
    /// then offered in English, never machine-translated (a score is only comparable in validated wording).
    /// </summary>
    public InstrumentTranslation? In(string language) => Translations?.GetValueOrDefault(language);

    /// <summary>
    /// The definition worded in <paramref name="language"/> where it has validated wording (keys, ranges, values and
    /// scoring unchanged), otherwise as it is.
    /// </summary>
    public InstrumentDefinition WordedIn(string language) => In(language) is not { } wording ? this : this with
    {
        Name = wording.Name,
        Description = wording.Description,
        Items = [.. Items.Select((item, i) => item with
        {
            Text = wording.Items[i].Text,
            LowLabel = wording.Items[i].LowLabel ?? item.LowLabel,
            HighLabel = wording.Items[i].HighLabel ?? item.HighLabel,
        })],
        ResponseOptions = [.. ResponseOptions.Select(o => o with { Label = wording.ResponseOptions.FirstOrDefault(w => w.Value == o.Value)?.Label ?? o.Label })],
        Supplementary = Supplementary is { } extra && wording.Supplementary is { } worded ? extra with { Text = worded.Text, Answers = worded.Answers } : Supplementary,
    };
}

/// <summary>
/// One question; <see cref="Min"/>..<see cref="Max"/> is the range of an answer. <see cref="LowerIsBetter"/>
/// marks an item that runs the other way (ONS4 anxiety), for items scored on their own.
/// </summary>
public sealed record InstrumentItem(
    int Number, string Key, string Text, int Min, int Max, string? LowLabel = null, string? HighLabel = null, bool LowerIsBetter = false);

public sealed record ResponseOption(int Value, string Label);

/// <summary>
/// How responses become a score. <c>Method</c>: <c>sum</c> (total of items), <c>separate</c> (each item
/// scored on its own, never summed), <c>sum-then-table</c> (raw total converted by <c>ConversionTable</c>,
/// which must hold every raw total from <c>RawMin</c> to <c>RawMax</c>). <c>Bands</c> name ranges of the
/// score (<c>ItemKey</c> null) or of one item. <c>MeaningfulChange</c> is the smallest change that means
/// something for one person (null: the instrument makes no such claim); <c>SmallChange</c> a smaller,
/// still real one (SWEMWBS: 1 SEM).
/// </summary>
public sealed record InstrumentScoring(
    string Method,
    int? RawMin,
    int? RawMax,
    IReadOnlyDictionary<int, decimal>? ConversionTable = null,
    IReadOnlyList<ScoreBand>? ItemBands = null,
    decimal? MeaningfulChange = null,
    string? Notes = null,
    bool HigherIsBetter = true,
    decimal? SmallChange = null)
{
    public const string Sum = "sum";
    public const string Separate = "separate";
    public const string SumThenTable = "sum-then-table";

    public static readonly IReadOnlyList<string> Methods = [Sum, Separate, SumThenTable];
}

/// <summary>A band of the score (<c>ItemKey</c> null) or of one item: From..To inclusive.</summary>
public sealed record ScoreBand(string? ItemKey, decimal From, decimal To, string Label);

public sealed record SupplementaryQuestion(string Key, string Text, IReadOnlyList<string> Answers);

/// <summary>
/// An instrument's validated wording in another language, added by an admin: every item's text (by key, in the
/// instrument's order), every answer's label (by value), the extra question's text and answers in the same order, and
/// where the wording comes from (<see cref="Source"/>: the publisher's validated translation and its licence).
/// </summary>
public sealed record InstrumentTranslation(
    string Name,
    string Description,
    IReadOnlyList<TranslatedItem> Items,
    IReadOnlyList<ResponseOption> ResponseOptions,
    string Source,
    TranslatedSupplementary? Supplementary = null);

public sealed record TranslatedItem(string Key, string Text, string? LowLabel = null, string? HighLabel = null);

/// <summary>The extra question's wording; <see cref="Answers"/> in the order of the instrument's own.</summary>
public sealed record TranslatedSupplementary(string Text, IReadOnlyList<string> Answers);
