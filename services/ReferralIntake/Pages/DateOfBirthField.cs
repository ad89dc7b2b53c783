namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>A date of birth typed as day, month and year boxes (the NHS date input pattern).</summary>
public sealed record DateOfBirthField(string Legend, string? Day, string? Month, string? Year, string? Error)
{
    public const string NotADate = "Date of birth must be a real date, like 27 3 1980.";

    /// <summary>The date, or null when the boxes are empty (<paramref name="blank"/>) or do not make a real date.</summary>
    public static DateOnly? Read(string? day, string? month, string? year, out bool blank)
    {
        blank = string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year);
        if (int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y)
            && y is >= 1000 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateOnly(y, m, d);
        }

        return null;
    }
}
