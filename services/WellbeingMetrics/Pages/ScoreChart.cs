using System.Globalization;
using SocialPrescribing.WellbeingMetrics.Features;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>
/// A line chart of one instrument's scores over time, drawn as SVG (the page puts the same figures
/// in a table beside it, so nothing depends on seeing the chart). One line for the score, or one per
/// item for instruments scored item by item; lines differ by dash pattern as well as colour.
/// </summary>
public sealed record ScoreChart(string Title, decimal Min, decimal Max, IReadOnlyList<string> Labels, IReadOnlyList<ScoreChart.Series> Lines)
{
    public const int Width = 640;
    public const int Height = 260;
    private const int Left = 48, Right = 16, Top = 16, Bottom = 48;

    private static readonly string[] Colours = ["#005eb8", "#007f3b", "#7c2855", "#425563"];
    private static readonly string[] Dashes = ["", "8 4", "2 4", "12 4 2 4"];

    public sealed record Series(string Name, IReadOnlyList<decimal?> Values);

    public static ScoreChart For(InstrumentProgress progress, InstrumentDefinition instrument)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(instrument);
        var labels = progress.Scores.Select(s => s.CompletedOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)).ToList();
        IReadOnlyList<Series> lines = progress.Items is null
            ? [new Series("Score", [.. progress.Scores.Select(s => s.Value)])]
            : [];
        return new ScoreChart(instrument.Name, progress.Min ?? 0, progress.Max ?? 0, labels, lines);
    }

    /// <summary>Items scored one by one: a line per item, from each assessment's answers (in the order given).</summary>
    public static ScoreChart ForItems(InstrumentDefinition instrument, IReadOnlyList<AssessmentView> assessments)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(assessments);
        var taken = assessments.Where(a => a.Instrument == instrument.Id).ToList();
        var labels = taken.Select(a => a.CompletedOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)).ToList();
        var lines = instrument.Items.Select((item, i) => new Series(Progress.ItemLabel(item.Key), [.. taken.Select(a => (decimal?)a.Responses[i])])).ToList();
        return new ScoreChart(instrument.Name, instrument.Items.Min(i => i.Min), instrument.Items.Max(i => i.Max), labels, lines);
    }

    public static string Colour(int line) => Colours[line % Colours.Length];

    public static string Dash(int line) => Dashes[line % Dashes.Length];

    public double X(int index) => Labels.Count <= 1
        ? Left + (Width - Left - Right) / 2.0
        : Left + index * (Width - Left - Right) / (double)(Labels.Count - 1);

    public double Y(decimal value) => Max == Min
        ? Top + (Height - Top - Bottom) / 2.0
        : Top + (double)((Max - value) / (Max - Min)) * (Height - Top - Bottom);

    public double PlotLeft => Left;

    public double PlotRight => Width - Right;

    public double PlotBottom => Height - Bottom;

    public double PlotTop => Top;

    /// <summary>Gridlines: the ends of the range and three between, as text.</summary>
    public IEnumerable<decimal> Ticks => Enumerable.Range(0, 5).Select(i => Min + (Max - Min) * i / 4);

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public string Points(Series series) => string.Join(' ', series.Values
        .Select((v, i) => v is { } value ? $"{N(X(i))},{N(Y(value))}" : null)
        .OfType<string>());
}
