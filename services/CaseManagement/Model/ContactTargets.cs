namespace SocialPrescribing.CaseManagement.Model;

/// <summary>
/// How soon the person must first be reached, from configuration section <c>Contact</c>: routine
/// referrals within <see cref="FirstContactWorkingDays"/> working days (Monday to Friday) of the
/// case opening; urgent ones (the same-day queue) by the end of the day in <see cref="TimeZone"/>.
/// </summary>
public sealed class ContactTargets
{
    public const string Section = "Contact";

    public int FirstContactWorkingDays { get; set; } = 5;

    public string TimeZone { get; set; } = "Europe/London";

    public DateTimeOffset FirstContactDue(DateTimeOffset openedAt, bool urgent) =>
        urgent ? EndOfDay(openedAt) : CaseTask.AddWorkingDays(openedAt, FirstContactWorkingDays);

    /// <summary>The last moment of <paramref name="at"/>'s day where the team works.</summary>
    public DateTimeOffset EndOfDay(DateTimeOffset at) =>
        EndOfDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone()).Date));

    /// <summary>The last moment of <paramref name="date"/> where the team works (a task due on a day is due by its end).</summary>
    public DateTimeOffset EndOfDay(DateOnly date)
    {
        // The last days of the calendar have no "next midnight": clamp (such a date is refused anyway).
        date = date < DateOnly.MaxValue.AddDays(-2) ? date : DateOnly.MaxValue.AddDays(-2);
        var zone = Zone();
        var midnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).AddTicks(-1).ToUniversalTime();
    }

    /// <summary>The instant of a day and time on the team's clocks (a meeting booked for 10:00 in London).</summary>
    public DateTimeOffset InstantOf(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, Zone().GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>An instant on the team's clocks, for showing.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone());

    private TimeZoneInfo Zone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
