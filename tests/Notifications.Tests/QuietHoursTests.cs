using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>No texts between 21:00 and 08:00 in Europe/London, across the clock changes.</summary>
public sealed class QuietHoursTests
{
    private static readonly QuietHours London = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    [Theory]
    [InlineData("2026-12-03T20:59:00Z", false)] // winter: UTC is London time
    [InlineData("2026-12-03T21:00:00Z", true)]
    [InlineData("2026-12-04T07:59:00Z", true)]
    [InlineData("2026-12-04T08:00:00Z", false)]
    [InlineData("2026-07-01T19:59:00Z", false)] // summer: 20:59 in London
    [InlineData("2026-07-01T20:00:00Z", true)] // 21:00 in London
    [InlineData("2026-07-02T06:59:00Z", true)] // 07:59 in London
    [InlineData("2026-07-02T07:00:00Z", false)] // 08:00 in London
    public void Texts_are_held_from_nine_at_night_to_eight_in_the_morning_london_time(string at, bool held) =>
        Assert.Equal(held, London.Holds(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-12-03T22:30:00Z", "2026-12-04T08:00:00Z")]
    [InlineData("2026-12-04T03:00:00Z", "2026-12-04T08:00:00Z")]
    [InlineData("2026-07-01T21:30:00Z", "2026-07-02T07:00:00Z")] // 22:30 BST → 08:00 BST
    [InlineData("2026-03-28T22:00:00Z", "2026-03-29T07:00:00Z")] // the night the clocks go forward: 08:00 BST
    [InlineData("2026-12-03T12:00:00Z", "2026-12-03T12:00:00Z")]
    public void A_held_text_goes_at_eight_the_next_morning(string at, string goes)
    {
        var next = London.NextAllowed(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(goes, System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.Equal(TimeSpan.Zero, next.Offset); // PostgreSQL takes UTC only: a summer time is written as UTC
    }

    [Fact]
    public void A_summer_reminder_moved_before_the_night_is_in_utc()
    {
        var early = London.LatestBefore(DateTimeOffset.Parse("2026-07-02T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse("2026-07-01T19:30:00Z", System.Globalization.CultureInfo.InvariantCulture), early);
        Assert.Equal(TimeSpan.Zero, early.Offset);
    }
}
