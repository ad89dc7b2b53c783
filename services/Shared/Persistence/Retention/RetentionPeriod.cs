using System.Globalization;
using System.Text.RegularExpressions;

namespace SocialPrescribing.Persistence.Retention;

/// <summary>
/// How long a kind of record is kept (the NHS Records Management Code of Practice sets the periods):
/// whole years or days ("8y", "8 years", "30d", "30 days") or a TimeSpan ("30.00:00:00"). Years are
/// calendar years, so "8y" after 29 February ends on 28 February. Always positive.
/// </summary>
public sealed partial record RetentionPeriod(int Years, TimeSpan Span)
{
    /// <summary>The instant before which a record dated so has expired, at <paramref name="now"/>.</summary>
    public DateTimeOffset CutOff(DateTimeOffset now) => now.AddYears(-Years) - Span;

    /// <summary>When something dated <paramref name="from"/> expires.</summary>
    public DateTimeOffset EndsAt(DateTimeOffset from) => from.AddYears(Years) + Span;

    public override string ToString() =>
        Years > 0 ? $"{Years} {(Years == 1 ? "year" : "years")}" : Span.TotalDays % 1 == 0 ? $"{Span.TotalDays:0} days" : Span.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads <paramref name="setting"/> (e.g. <c>Retention:ClosedCases</c>): its value, or <paramref name="fallback"/> when it
    /// is not set. A value that is not a positive duration stops the service, naming the setting.
    /// </summary>
    public static RetentionPeriod Read(Microsoft.Extensions.Configuration.IConfiguration configuration, string setting, string fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[setting] is { Length: > 0 } given ? given : fallback;
        return TryParse(text) ?? throw new InvalidOperationException(
            $"{setting} is '{text}': it must be a positive duration, like '8y', '2 years', '30d' or '30.00:00:00'.");
    }

    public static RetentionPeriod? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = Words().Match(text.Trim());
        if (match.Success && int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            var years = match.Groups["unit"].Value.ToLowerInvariant().StartsWith('y');
            // At most 200 years, either way.
            return years && n <= 200 ? new RetentionPeriod(n, TimeSpan.Zero)
                : !years && n <= 200 * 366 ? new RetentionPeriod(0, TimeSpan.FromDays(n))
                : null;
        }

        return TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero && span < TimeSpan.FromDays(200 * 366)
            ? new RetentionPeriod(0, span)
            : null;
    }

    [GeneratedRegex(@"^(?<n>\d+)\s*(?<unit>y|years?|d|days?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
