using Microsoft.Extensions.Configuration;
using SocialPrescribing.Persistence.Retention;

namespace SocialPrescribing.Messaging.Tests;

/// <summary>Retention periods as operators write them, and the ones that must stop a service at start.</summary>
public sealed class RetentionPeriodTests
{
    [Theory]
    [InlineData("8y", 8, 0)]
    [InlineData("8 years", 8, 0)]
    [InlineData("1 Year", 1, 0)]
    [InlineData("30d", 0, 30)]
    [InlineData("30 days", 0, 30)]
    [InlineData("30.00:00:00", 0, 30)]
    [InlineData("540 days", 0, 540)]
    public void Years_days_and_time_spans_are_read(string text, int years, int days)
    {
        var period = RetentionPeriod.TryParse(text);

        Assert.NotNull(period);
        Assert.Equal((years, TimeSpan.FromDays(days)), (period.Years, period.Span));
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("-30d")]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    [InlineData("forever")]
    [InlineData("8 decades")]
    [InlineData("201y")]
    [InlineData("")]
    public void Anything_not_a_positive_duration_stops_start_up_naming_the_setting(string text)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Retention:ClosedCases"] = text }).Build();

        if (text.Length == 0)
        {
            Assert.Equal(8, RetentionPeriod.Read(configuration, "Retention:ClosedCases", "8y").Years);
            return;
        }

        var refused = Assert.Throws<InvalidOperationException>(() => RetentionPeriod.Read(configuration, "Retention:ClosedCases", "8y"));
        Assert.Contains("Retention:ClosedCases", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Years_are_calendar_years()
    {
        var period = RetentionPeriod.TryParse("8y")!;

        Assert.Equal(new DateTimeOffset(2018, 12, 3, 9, 0, 0, TimeSpan.Zero), period.CutOff(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal("8 years", period.ToString());
        Assert.Equal("30 days", RetentionPeriod.TryParse("30d")!.ToString());
    }
}
