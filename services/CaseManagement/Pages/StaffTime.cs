using System.Globalization;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Pages;

/// <summary>Times on staff screens: on the team's clock, in British English ("4 Dec 2026, 10:15").</summary>
public static class StaffTime
{
    public const string DayAndTime = "d MMM yyyy, HH:mm";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Show(this ContactTargets clock, DateTimeOffset at, string format = DayAndTime)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.Local(at).ToString(format, English);
    }
}
