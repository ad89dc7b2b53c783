using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Tests;

public sealed class ReportStatisticsTests
{
    [Theory]
    [InlineData(4, 2.776)]
    [InlineData(9, 2.262)]
    [InlineData(30, 2.042)]
    [InlineData(40, 2.021)]
    [InlineData(60, 2.000)]
    [InlineData(120, 1.980)]
    [InlineData(100000, 1.960)]
    public void T_critical_values_match_the_published_table(int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, ReportStatistics.TCritical95(degreesOfFreedom), 3);
    }

    [Fact]
    public void The_interval_of_a_mean_uses_t_and_the_standard_error()
    {
        // Changes 1, 2, 3, 4, 5: mean 3, sd √2.5 = 1.5811, se 0.7071, t(4) 2.776 → 3 ± 1.963.
        var interval = ReportStatistics.MeanInterval95(3m, 1.5811388m, 5);

        Assert.Equal((1.04m, 4.96m), interval);
    }

    [Fact]
    public void One_value_has_no_interval()
    {
        Assert.Null(ReportStatistics.MeanInterval95(3m, null, 1));
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Groups_under_five_are_suppressed(int people, bool suppressed)
    {
        Assert.Equal(suppressed, ReportStatistics.Suppress(people));
    }

    [Fact]
    public void Bins_cover_the_range_and_hide_counts_of_one_to_four()
    {
        var bins = ReportStatistics.Bins(new Dictionary<int, int> { [-2] = 6, [0] = 3, [1] = 12 });

        Assert.Equal([-2m, -1m, 0m, 1m], bins.Select(b => b.From));
        Assert.Equal([6, 0, null, 12], bins.Select(b => b.People));
    }

    [Fact]
    public void Quantiles_of_counted_values_are_nearest_rank()
    {
        var days = new Dictionary<int, int> { [1] = 2, [3] = 2, [10] = 1 };

        Assert.Equal(3, ReportStatistics.Quantile(days, 0.5));
        Assert.Equal(10, ReportStatistics.Quantile(days, 0.9));
        Assert.Equal(1, ReportStatistics.Quantile(days, 0.1));
    }
}
