namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>What the outcome report may be grouped by.</summary>
public static class ReportGroups
{
    public const string None = "none";
    public const string Source = "source";
    public const string Month = "month";
    public const string LinkWorker = "linkWorker";
    public const string Need = "need";

    public static readonly IReadOnlyList<string> All = [None, Source, Month, LinkWorker, Need];

    /// <summary>Groups (and counts) of fewer people than this are not shown, so no one can be recognised.</summary>
    public const int SuppressBelow = 5;
}

/// <summary>
/// One group's outcome on one measure (an instrument's score, or one item of an item-by-item
/// instrument): people with a baseline and a later score in the period, the means, the mean change with
/// its 95% confidence interval, and how many improved meaningfully (null where the instrument makes no
/// such claim). A suppressed row carries no figures at all.
/// </summary>
public sealed record OutcomeRow(
    string Group,
    string Instrument,
    string Measure,
    bool Suppressed,
    int? People,
    decimal? MeanBaseline,
    decimal? MeanLatest,
    decimal? MeanChange,
    decimal? ChangeLower95,
    decimal? ChangeUpper95,
    int? MeaningfulImprovement,
    decimal? MeaningfulImprovementShare,
    IReadOnlyList<ChangeBin>? Distribution);

/// <summary>How many people's change fell in [From, To); null when 1 to 4 (too few to show).</summary>
public sealed record ChangeBin(decimal From, decimal To, int? People);

/// <summary>A count by some label (channel, source, step, exit); null when suppressed.</summary>
public sealed record CountRow(string Label, int? Count, bool Suppressed);

public sealed record FirstContact(int? Cases, decimal? MedianDays, decimal? P90Days, bool Suppressed);

/// <summary>What happened to cases opened in the period, from Case Management's events.</summary>
public sealed record ActivitySummary(
    IReadOnlyList<CountRow> ReferralsByChannel,
    IReadOnlyList<CountRow> ReferralsBySource,
    FirstContact TimeToFirstContact,
    IReadOnlyList<CountRow> CasesByStep,
    IReadOnlyList<CountRow> Exits);

public sealed record OutcomeReport(
    DateOnly From,
    DateOnly To,
    string GroupBy,
    int SuppressedBelow,
    IReadOnlyList<OutcomeRow> Outcomes,
    ActivitySummary Activity);

/// <summary>The statistics of the report, in one place (unit-tested).</summary>
public static class ReportStatistics
{
    /// <summary>Two-sided 95% points of Student's t for 1–30 degrees of freedom.</summary>
    private static readonly double[] T95 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>Student's t for a two-sided 95% interval: the table to 30, then the Cornish–Fisher expansion (error under 0.001).</summary>
    public static double TCritical95(int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), "At least one degree of freedom.");
        }

        if (degreesOfFreedom <= T95.Length)
        {
            return T95[degreesOfFreedom - 1];
        }

        const double z = 1.959963984540054;
        double n = degreesOfFreedom, z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
        return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
    }

    /// <summary>The 95% confidence interval of a mean from n values with sample standard deviation sd; null below two values.</summary>
    public static (decimal Lower, decimal Upper)? MeanInterval95(decimal mean, decimal? sd, int n)
    {
        if (n < 2 || sd is not { } s)
        {
            return null;
        }

        var half = (decimal)(TCritical95(n - 1) * (double)s / Math.Sqrt(n));
        return (Math.Round(mean - half, 2), Math.Round(mean + half, 2));
    }

    public static bool Suppress(int count) => count < ReportGroups.SuppressBelow;

    /// <summary>
    /// The <paramref name="q"/> quantile of values given as counts per value (sorted), the nearest-rank
    /// way: the smallest value with at least q of the people at or below it.
    /// </summary>
    public static int Quantile(IReadOnlyDictionary<int, int> countsByValue, double q)
    {
        ArgumentNullException.ThrowIfNull(countsByValue);
        var total = countsByValue.Values.Sum();
        var rank = Math.Max(1, (int)Math.Ceiling(q * total));
        var seen = 0;
        foreach (var (value, count) in countsByValue.OrderBy(v => v.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }

        throw new ArgumentException("No values.", nameof(countsByValue));
    }

    /// <summary>Bins of whole points (or of <paramref name="width"/>) from the changes counted per whole-number floor.</summary>
    public static IReadOnlyList<ChangeBin> Bins(IReadOnlyDictionary<int, int> peopleByFloor, int width = 1)
    {
        ArgumentNullException.ThrowIfNull(peopleByFloor);
        if (peopleByFloor.Count == 0)
        {
            return [];
        }

        int low = peopleByFloor.Keys.Min(), high = peopleByFloor.Keys.Max();
        var start = (int)Math.Floor(low / (double)width) * width;
        var bins = new List<ChangeBin>();
        for (var from = start; from <= high; from += width)
        {
            var people = peopleByFloor.Where(p => p.Key >= from && p.Key < from + width).Sum(p => p.Value);
            bins.Add(new ChangeBin(from, from + width, people is > 0 and < ReportGroups.SuppressBelow ? null : people));
        }

        return bins;
    }
}
