using SocialPrescribing.Validation;

namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>One item's answer and its band (instruments scored item by item, like ONS4).</summary>
public sealed record ItemScore(string Key, int Value, string? Band);

/// <summary>
/// A scored questionnaire. <see cref="Raw"/> is the total of the answers (null when items are never
/// summed), <see cref="Metric"/> the converted score where the instrument has a table, <see cref="Band"/>
/// the score's band, <see cref="Items"/> each item on its own for separately scored instruments.
/// </summary>
public sealed record Score(int? Raw, decimal? Metric, string? Band, IReadOnlyList<ItemScore>? Items)
{
    /// <summary>The number to report and compare: the metric score where there is one, else the raw total.</summary>
    public decimal? Value => Metric ?? Raw;
}

/// <summary>How far a score moved between two assessments, and whether that means something.</summary>
/// <param name="Change">Later minus earlier.</param>
/// <param name="Meaningful">Whether the size reaches the instrument's meaningful change; null when it makes no such claim.</param>
/// <param name="Size"><c>reliable</c>, <c>small</c> or <c>none</c> where the instrument defines sizes; else null.</param>
/// <param name="Direction"><c>better</c>, <c>worse</c> or <c>same</c>, taking the instrument's direction into account.</param>
public sealed record ScoreChange(decimal Change, bool? Meaningful, string? Size, string Direction)
{
    public const string Better = "better";
    public const string Worse = "worse";
    public const string Same = "same";

    /// <summary>A meaningful change in the better direction.</summary>
    public bool MeaningfulImprovement => Meaningful == true && Direction == Better;
}

/// <summary>Scoring exactly as each instrument publishes it: the only place answers become scores.</summary>
public static class Scoring
{
    /// <summary>
    /// Checks answers against the definition: one per item, in item order, each a whole number in the
    /// item's range. Errors are keyed <c>responses</c> (the count) or <c>responses[i]</c> and name the item.
    /// </summary>
    public static bool Check(InstrumentDefinition definition, IReadOnlyList<int> responses, ValidationErrors errors, string path = "responses")
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(errors);
        var items = definition.Items;
        if (responses.Count != items.Count)
        {
            errors.Add(path, $"{definition.Name} has {items.Count} questions: give {items.Count} answers, in question order (there were {responses.Count}).");
            return false;
        }

        var valid = true;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (responses[i] < item.Min || responses[i] > item.Max)
            {
                errors.Add($"{path}[{i}]", $"Question {item.Number} ({item.Key}) is answered from {item.Min} to {item.Max}; {responses[i]} is outside that.");
                valid = false;
            }
        }

        return valid;
    }

    /// <summary>Scores answers that passed <see cref="Check"/>.</summary>
    public static Score Score(InstrumentDefinition definition, IReadOnlyList<int> responses)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count != definition.Items.Count)
        {
            throw new ArgumentException($"Expected {definition.Items.Count} answers, got {responses.Count}.", nameof(responses));
        }

        var scoring = definition.Scoring;
        if (scoring.Method == InstrumentScoring.Separate)
        {
            var items = definition.Items
                .Select((item, i) => new ItemScore(item.Key, responses[i], BandOf(scoring.ItemBands, item.Key, responses[i])))
                .ToList();
            return new Score(null, null, null, items);
        }

        var raw = responses.Sum();
        decimal? metric = null;
        if (scoring.Method == InstrumentScoring.SumThenTable)
        {
            metric = scoring.ConversionTable is { } table && table.TryGetValue(raw, out var converted)
                ? converted
                : throw new InvalidOperationException($"{definition.Id}: the conversion table has no row for raw score {raw}.");
        }

        return new Score(raw, metric, BandOf(scoring.ItemBands, null, metric ?? raw), null);
    }

    /// <summary>The label of the band holding <paramref name="value"/> for the item (or the whole score when <paramref name="itemKey"/> is null).</summary>
    public static string? BandOf(IReadOnlyList<ScoreBand>? bands, string? itemKey, decimal value) =>
        bands?.FirstOrDefault(b => b.ItemKey == itemKey && value >= b.From && value <= b.To)?.Label;

    /// <summary>
    /// Compares two values of the same measure (the score, or one item for separately scored instruments).
    /// Meaningful change is judged on its size in either direction; <see cref="ScoreChange.Direction"/> says which way.
    /// </summary>
    public static ScoreChange Compare(InstrumentScoring scoring, decimal earlier, decimal later, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(scoring);
        var change = later - earlier;
        var size = Math.Abs(change);
        var direction = change == 0 ? ScoreChange.Same : (change > 0) == higherIsBetter ? ScoreChange.Better : ScoreChange.Worse;
        if (scoring.MeaningfulChange is not { } threshold)
        {
            return new ScoreChange(change, null, null, direction);
        }

        string? sized = scoring.SmallChange is { } small
            ? size >= threshold ? "reliable" : size >= small ? "small" : "none"
            : null;
        return new ScoreChange(change, size >= threshold, sized, direction);
    }
}
