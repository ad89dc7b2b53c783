namespace SocialPrescribing.Notifications.Model;

/// <summary>
/// No texts at night: between 21:00 and 08:00 in the service's time zone (<c>Contact:TimeZone</c>, Europe/London) a
/// text waits until 08:00. Email and letters are not held (they do not wake anyone).
/// </summary>
public sealed class QuietHours(TimeZoneInfo zone)
{
    public static readonly TimeOnly Starts = new(21, 0);
    public static readonly TimeOnly Ends = new(8, 0);

    public static QuietHours From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration["Contact:TimeZone"] is { Length: > 0 } configured ? configured : "Europe/London";
        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
            ? new QuietHours(zone)
            : throw new InvalidOperationException($"Contact:TimeZone '{name}' is not a time zone this machine knows (e.g. Europe/London).");
    }

    public bool Holds(DateTimeOffset at)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return local >= Starts || local < Ends;
    }

    /// <summary>
    /// A reminder meant for <paramref name="at"/> that would land in the night goes earlier: at 20:30 on the evening
    /// the night began (a text at 07:00 for a 09:00 meeting becomes one at 20:30 the evening before).
    /// </summary>
    public DateTimeOffset LatestBefore(DateTimeOffset at)
    {
        if (!Holds(at))
        {
            return at;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        var evening = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) < Ends)
        {
            evening = evening.AddDays(-1);
        }

        return At(evening, Starts.AddMinutes(-30));
    }

    /// <summary>The same instant as a wall-clock time in the service's zone (for "Thursday 10 December at 10:00").</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    /// <summary>An instant from a local date and time in the service's zone, in UTC (as PostgreSQL stores it).</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>When a text due at <paramref name="at"/> may go: then, or 08:00 after the night it falls in.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset at)
    {
        if (!Holds(at))
        {
            return at;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= Starts)
        {
            day = day.AddDays(1);
        }

        return At(day, Ends);
    }
}
