using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Tests;

/// <summary>Scoring rules, checked against the published figures (typed here from DOMAIN.md, not read from the code).</summary>
public sealed class ScoringTests
{
    /// <summary>The published SWEMWBS raw → metric table.</summary>
    public static TheoryData<int, decimal> SwemwbsTable => new()
    {
        { 7, 7.00m }, { 8, 9.51m }, { 9, 11.25m }, { 10, 12.40m }, { 11, 13.33m }, { 12, 14.08m }, { 13, 14.75m },
        { 14, 15.32m }, { 15, 15.84m }, { 16, 16.36m }, { 17, 16.88m }, { 18, 17.43m }, { 19, 17.98m }, { 20, 18.59m },
        { 21, 19.25m }, { 22, 19.98m }, { 23, 20.73m }, { 24, 21.54m }, { 25, 22.35m }, { 26, 23.21m }, { 27, 24.11m },
        { 28, 25.03m }, { 29, 26.02m }, { 30, 27.03m }, { 31, 28.13m }, { 32, 29.31m }, { 33, 30.70m }, { 34, 32.55m },
        { 35, 35.00m },
    };

    [Theory]
    [MemberData(nameof(SwemwbsTable))]
    public void Swemwbs_raw_totals_convert_by_the_published_table(int raw, decimal metric)
    {
        var score = Scoring.Score(BuiltInInstruments.Swemwbs, AnswersAddingUpTo(raw, items: 7));

        Assert.Equal(raw, score.Raw);
        Assert.Equal(metric, score.Metric);
        Assert.Equal(metric.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), score.Metric!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(metric, score.Value);
    }

    [Fact]
    public void Swemwbs_metric_depends_on_the_total_not_on_which_items_were_high()
    {
        Assert.Equal(
            Scoring.Score(BuiltInInstruments.Swemwbs, [5, 5, 1, 1, 1, 1, 1]).Metric,
            Scoring.Score(BuiltInInstruments.Swemwbs, [1, 1, 1, 1, 1, 5, 5]).Metric);
    }

    [Theory]
    [InlineData(0, "low")]
    [InlineData(4, "low")]
    [InlineData(5, "medium")]
    [InlineData(6, "medium")]
    [InlineData(7, "high")]
    [InlineData(8, "high")]
    [InlineData(9, "very high")]
    [InlineData(10, "very high")]
    public void Ons4_positive_items_band_at_the_published_edges(int answer, string band)
    {
        var score = Scoring.Score(BuiltInInstruments.Ons4, [answer, answer, answer, 0]);

        Assert.Null(score.Raw);
        Assert.All(score.Items!.Take(3), item => Assert.Equal(band, item.Band));
        Assert.Equal(["life-satisfaction", "worthwhile", "happiness"], score.Items!.Take(3).Select(i => i.Key));
    }

    [Theory]
    [InlineData(0, "very low")]
    [InlineData(1, "very low")]
    [InlineData(2, "low")]
    [InlineData(3, "low")]
    [InlineData(4, "medium")]
    [InlineData(5, "medium")]
    [InlineData(6, "high")]
    [InlineData(10, "high")]
    public void Ons4_anxiety_bands_at_its_own_edges(int answer, string band)
    {
        var score = Scoring.Score(BuiltInInstruments.Ons4, [5, 5, 5, answer]);

        var anxiety = Assert.Single(score.Items!, i => i.Key == "anxiety");
        Assert.Equal(answer, anxiety.Value);
        Assert.Equal(band, anxiety.Band);
    }

    [Fact]
    public void Ons4_items_are_never_summed()
    {
        var score = Scoring.Score(BuiltInInstruments.Ons4, [7, 8, 9, 2]);

        Assert.Null(score.Raw);
        Assert.Null(score.Value);
        Assert.Equal([7, 8, 9, 2], score.Items!.Select(i => i.Value));
    }

    [Theory]
    [InlineData(1, 14)]
    [InlineData(5, 70)]
    [InlineData(3, 42)]
    public void Wemwbs_is_the_total_of_its_14_items(int each, int total)
    {
        var score = Scoring.Score(BuiltInInstruments.Wemwbs, Enumerable.Repeat(each, 14).ToList());

        Assert.Equal(total, score.Raw);
        Assert.Null(score.Metric);
    }

    [Fact]
    public void Ucla3_is_the_total_of_its_3_items()
    {
        Assert.Equal(3, Scoring.Score(BuiltInInstruments.Ucla3, [1, 1, 1]).Raw);
        Assert.Equal(9, Scoring.Score(BuiltInInstruments.Ucla3, [3, 3, 3]).Raw);
        Assert.Equal(6, Scoring.Score(BuiltInInstruments.Ucla3, [1, 2, 3]).Raw);
    }

    [Fact]
    public void Wrong_number_of_answers_is_an_error_naming_the_count()
    {
        var errors = new ValidationErrors();

        Assert.False(Scoring.Check(BuiltInInstruments.Wemwbs, [3, 3, 3], errors));
        Assert.Contains("14", errors.FirstFor("responses"));
    }

    [Fact]
    public void An_answer_out_of_range_is_an_error_naming_the_item()
    {
        var errors = new ValidationErrors();

        Assert.False(Scoring.Check(BuiltInInstruments.Ons4, [5, 11, 5, -1], errors));
        Assert.Contains("worthwhile", errors.FirstFor("responses[1]"));
        Assert.Contains("anxiety", errors.FirstFor("responses[3]"));
        Assert.False(errors.Has("responses[0]"));
    }

    [Theory]
    [InlineData(40, 43, 3, true, "better")]
    [InlineData(40, 42, 2, false, "better")]
    [InlineData(43, 40, -3, true, "worse")]
    [InlineData(40, 40, 0, false, "same")]
    public void Wemwbs_change_of_3_or_more_is_meaningful(int before, int after, int change, bool meaningful, string direction)
    {
        var result = Scoring.Compare(BuiltInInstruments.Wemwbs.Scoring, before, after, higherIsBetter: true);

        Assert.Equal(change, result.Change);
        Assert.Equal(meaningful, result.Meaningful);
        Assert.Equal(direction, result.Direction);
        Assert.Null(result.Size);
    }

    [Theory]
    [InlineData(19.25, 22.35, "reliable", true)]   // +3.10
    [InlineData(19.25, 22.12, "reliable", true)]   // +2.87 exactly
    [InlineData(19.25, 22.11, "small", false)]     // +2.86
    [InlineData(19.25, 20.28, "small", false)]     // +1.03 exactly
    [InlineData(19.25, 20.27, "none", false)]      // +1.02
    [InlineData(22.35, 19.25, "reliable", true)]   // -3.10
    public void Swemwbs_change_is_reliable_from_2_87_and_small_from_1_03(double before, double after, string size, bool meaningful)
    {
        var result = Scoring.Compare(BuiltInInstruments.Swemwbs.Scoring, (decimal)before, (decimal)after, higherIsBetter: true);

        Assert.Equal(size, result.Size);
        Assert.Equal(meaningful, result.Meaningful);
    }

    [Fact]
    public void Ucla3_and_ons4_make_no_claim_about_meaningful_change_and_ucla3_runs_downwards()
    {
        var ucla = Scoring.Compare(BuiltInInstruments.Ucla3.Scoring, 8, 4, BuiltInInstruments.Ucla3.Scoring.HigherIsBetter);
        var ons = Scoring.Compare(BuiltInInstruments.Ons4.Scoring, 2, 9, higherIsBetter: true);

        Assert.Null(ucla.Meaningful);
        Assert.Equal(ScoreChange.Better, ucla.Direction);
        Assert.False(ucla.MeaningfulImprovement);
        Assert.Null(ons.Meaningful);
    }

    /// <summary>Answers of 1–5 for <paramref name="items"/> items whose total is <paramref name="raw"/>.</summary>
    private static List<int> AnswersAddingUpTo(int raw, int items)
    {
        var answers = Enumerable.Repeat(1, items).ToList();
        var left = raw - items;
        for (var i = 0; i < items && left > 0; i++)
        {
            var add = Math.Min(4, left);
            answers[i] += add;
            left -= add;
        }

        Assert.Equal(raw, answers.Sum());
        return answers;
    }
}
