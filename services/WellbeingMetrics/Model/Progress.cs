using System.Globalization;

namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>One score on the way: when, how, and the value (with its band).</summary>
public sealed record ScorePoint(Guid AssessmentId, string Timepoint, int? FollowUp, DateOnly CompletedOn, string Mode, decimal? Value, string? Band);

/// <summary>One separately scored item from the first score to the latest (ONS4).</summary>
public sealed record ItemProgress(
    string Key, string Text, bool LowerIsBetter, int? Baseline, int Latest, decimal? Change, string? Direction, string? Band);

/// <summary>
/// One instrument for one case: the baseline, the latest score, the change between them and whether it
/// means something, and a plain-English explanation written for the person. <see cref="Change"/> is
/// null without a baseline (or with nothing after it); <see cref="MeaningfulChange"/> is null when the
/// instrument makes no claim about meaningful change.
/// </summary>
public sealed record InstrumentProgress(
    string Instrument,
    string Name,
    decimal? Min,
    decimal? Max,
    bool HigherIsBetter,
    ScorePoint? Baseline,
    ScorePoint Latest,
    decimal? Change,
    bool? MeaningfulChange,
    string? ChangeSize,
    string? Direction,
    string? Band,
    IReadOnlyList<ItemProgress>? Items,
    string Explanation,
    IReadOnlyList<ScorePoint> Scores);

/// <summary>Works out a case's progress on each instrument from its assessments (in one place, for the API and the screens).</summary>
public static class Progress
{
    public static InstrumentProgress For(InstrumentDefinition instrument, IReadOnlyList<Assessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(assessments);
        var ordered = assessments.Where(a => a.InstrumentId == instrument.Id)
            .OrderBy(a => a.CompletedOn).ThenBy(a => a.Sequence).ThenBy(a => a.RecordedAt).ToList();
        if (ordered.Count == 0)
        {
            throw new ArgumentException($"No assessments of {instrument.Id}.", nameof(assessments));
        }

        var scoring = instrument.Scoring;
        var baseline = ordered.FirstOrDefault(a => a.Timepoint == Timepoint.Baseline);
        var latest = ordered[^1];
        var compared = baseline is not null && latest.Id != baseline.Id ? baseline : null;
        var (min, max) = Range(instrument);

        if (scoring.Method == InstrumentScoring.Separate)
        {
            var items = instrument.Items.Select((item, i) =>
            {
                var now = latest.Responses[i];
                var before = compared?.Responses[i];
                var change = before is { } b ? Scoring.Compare(scoring, b, now, !item.LowerIsBetter) : null;
                return new ItemProgress(item.Key, item.Text, item.LowerIsBetter, baseline?.Responses[i], now, change?.Change, change?.Direction,
                    Scoring.BandOf(scoring.ItemBands, item.Key, now));
            }).ToList();
            return new InstrumentProgress(instrument.Id, instrument.Name, min, max, scoring.HigherIsBetter, Point(baseline), Point(latest)!,
                null, null, null, null, null, items, ExplainItems(instrument, items, baseline is not null, compared is not null), [.. ordered.Select(a => Point(a)!)]);
        }

        var changed = compared is { Value: { } from } && latest.Value is { } to ? Scoring.Compare(scoring, from, to, scoring.HigherIsBetter) : null;
        return new InstrumentProgress(instrument.Id, instrument.Name, min, max, scoring.HigherIsBetter, Point(baseline), Point(latest)!,
            changed?.Change, changed?.Meaningful, changed?.Size, changed?.Direction, latest.Score.Band, null,
            Explain(instrument, baseline, latest, changed, min, max), [.. ordered.Select(a => Point(a)!)]);
    }

    /// <summary>An item's short name from its key, for people: "life-satisfaction" → "Life satisfaction".</summary>
    public static string ItemLabel(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return char.ToUpperInvariant(key[0]) + key[1..].Replace('-', ' ');
    }

    /// <summary>The range of the reported score (metric where there is a table), or of the items.</summary>
    public static (decimal? Min, decimal? Max) Range(InstrumentDefinition instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var scoring = instrument.Scoring;
        return scoring.Method switch
        {
            InstrumentScoring.SumThenTable when scoring.ConversionTable is { Count: > 0 } table => (table.Values.Min(), table.Values.Max()),
            InstrumentScoring.Separate => (instrument.Items.Min(i => i.Min), instrument.Items.Max(i => i.Max)),
            _ => (scoring.RawMin, scoring.RawMax),
        };
    }

    private static ScorePoint? Point(Assessment? a) =>
        a is null ? null : new ScorePoint(a.Id, a.Timepoint, a.FollowUp, a.CompletedOn, a.Mode, a.Value, a.Score.Band);

    private static string Explain(InstrumentDefinition instrument, Assessment? baseline, Assessment latest, ScoreChange? change, decimal? min, decimal? max)
    {
        var scoring = instrument.Scoring;
        var format = scoring.Method == InstrumentScoring.SumThenTable ? "0.00" : "0.##";
        string N(decimal? v) => v?.ToString(format, CultureInfo.InvariantCulture) ?? "";
        var scale = $"Scores run from {N(min)} to {N(max)}; {(scoring.HigherIsBetter ? "a higher score is better" : "a lower score is better")}.";
        var band = latest.Score.Band is { } b ? $" That is in the '{b}' range." : "";

        if (baseline is null)
        {
            return $"Your latest {instrument.Name} score is {N(latest.Value)}.{band} {scale} There is no starting (baseline) score to compare it with, so we cannot say how much has changed.";
        }

        if (change is null)
        {
            return $"Your first {instrument.Name} score is {N(latest.Value)}.{band} {scale} We will ask the same questions again later, so you can both see what has changed.";
        }

        if (change.Direction == ScoreChange.Same)
        {
            return $"Your {instrument.Name} score is {N(latest.Value)}, the same as at the start.{band} {scale}";
        }

        var moved = $"Your {instrument.Name} score went {(change.Change > 0 ? "up" : "down")} from {N(baseline.Value)} to {N(latest.Value)}, " +
                    $"a change of {N(Math.Abs(change.Change))}: {(change.Direction == ScoreChange.Better ? "better" : "worse")} than at the start.{band} {scale}";
        var meaning = (change.Meaningful, change.Size) switch
        {
            (null, _) => " This questionnaire does not set a size of change that counts as meaningful for one person, so the numbers are shown as they are.",
            (true, _) when change.Direction == ScoreChange.Better =>
                $" A change of {N(scoring.MeaningfulChange)} or more is big enough to count as a real improvement for one person, so this is a real improvement.",
            (true, _) => $" A change of {N(scoring.MeaningfulChange)} or more counts as real for one person, so this is a real drop. Your link worker can talk with you about what might help.",
            (false, "small") => $" That is a small change: more than the everyday ups and downs of answering the questions, but less than the {N(scoring.MeaningfulChange)} needed to be sure it is a real change.",
            _ => $" That is less than the {N(scoring.MeaningfulChange)} needed to count as a real change for one person: it may just be the everyday ups and downs of answering the questions.",
        };
        return moved + meaning;
    }

    /// <summary>Item by item, each named by <see cref="ItemLabel"/>.</summary>
    private static string ExplainItems(InstrumentDefinition instrument, IReadOnlyList<ItemProgress> items, bool hasBaseline, bool compared)
    {
        var lines = items.Select(i =>
        {
            var label = ItemLabel(i.Key) + ":";
            var now = $"{i.Latest}{(i.Band is { } band ? $" ('{band}')" : "")}";
            var direction = i.LowerIsBetter ? " (for this one, lower is better)" : "";
            return compared && i.Baseline is { } before
                ? $"{label} {before} at the start, now {now}{direction}."
                : $"{label} {now}{direction}.";
        });
        var start = hasBaseline
            ? compared ? $"Your {instrument.Name} answers, from the start to now:" : $"Your first {instrument.Name} answers:"
            : $"Your latest {instrument.Name} answers (there is no starting score to compare them with):";
        return $"{start} {string.Join(" ", lines)} Each question is looked at on its own, never added up, and there is no set size of change that counts as meaningful.";
    }
}
