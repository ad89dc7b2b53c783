using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Tests;

public sealed class DefinitionRulesTests
{
    [Fact]
    public void The_built_in_instruments_pass_the_rules_an_admin_definition_must()
    {
        Assert.All(BuiltInInstruments.All, d => Assert.True(DefinitionRules.Check(d).IsEmpty, string.Join("; ", DefinitionRules.Check(d).ToDictionary().Select(e => $"{e.Key}: {e.Value[0]}"))));
    }

    [Fact]
    public void A_conversion_table_missing_a_raw_score_is_refused()
    {
        var table = BuiltInInstruments.SwemwbsMetric.Where(r => r.Key != 20).ToDictionary();
        var definition = BuiltInInstruments.Swemwbs with { Id = "swemwbs-copy", Scoring = BuiltInInstruments.Swemwbs.Scoring with { ConversionTable = table } };

        var errors = DefinitionRules.Check(definition);

        Assert.Contains("20", errors.FirstFor("scoring.conversionTable"));
    }

    [Fact]
    public void Overlapping_bands_are_refused()
    {
        var definition = Short() with
        {
            Scoring = Short().Scoring with { ItemBands = [new(null, 3, 6, "low"), new(null, 6, 9, "high")] },
        };

        Assert.Contains("overlaps", DefinitionRules.Check(definition).FirstFor("scoring.itemBands[1]"));
    }

    [Fact]
    public void Raw_range_must_match_the_items()
    {
        var definition = Short() with { Scoring = Short().Scoring with { RawMax = 10 } };

        Assert.Contains("9", DefinitionRules.Check(definition).FirstFor("scoring.rawMin"));
    }

    [Theory]
    [InlineData("Bad Id")]
    [InlineData("")]
    [InlineData("x")]
    public void Ids_are_slugs(string id)
    {
        Assert.True(DefinitionRules.Check(Short() with { Id = id }).Has("id"));
    }

    [Fact]
    public void Items_need_distinct_keys_numbers_in_order_and_a_range()
    {
        var definition = Short() with
        {
            Items = [new(1, "a", "A?", 1, 3), new(3, "a", "B?", 3, 3), new(3, "c", "C?", 1, 3)],
        };

        var errors = DefinitionRules.Check(definition);

        Assert.True(errors.Has("items[1].number"));
        Assert.True(errors.Has("items[1].key"));
        Assert.True(errors.Has("items[1].max"));
        Assert.False(errors.Has("items[2].key"));
    }

    [Fact]
    public void Unlabelled_answers_are_refused()
    {
        var definition = Short() with { ResponseOptions = [new(1, "Never"), new(2, "Sometimes")] };

        Assert.Contains("3", DefinitionRules.Check(definition).FirstFor("responseOptions"));
    }

    [Fact]
    public void Unknown_scoring_method_is_refused()
    {
        var definition = Short() with { Scoring = Short().Scoring with { Method = "average" } };

        Assert.Contains("sum", DefinitionRules.Check(definition).FirstFor("scoring.method"));
    }

    [Fact]
    public void Small_change_needs_a_larger_meaningful_change()
    {
        var definition = Short() with { Scoring = Short().Scoring with { MeaningfulChange = 1m, SmallChange = 2m } };

        Assert.True(DefinitionRules.Check(definition).Has("scoring.smallChange"));
    }

    /// <summary>A valid three-item instrument to spoil one thing at a time.</summary>
    private static InstrumentDefinition Short() => new(
        "three-items",
        "Three items",
        "A short test instrument.",
        [new(1, "a", "A?", 1, 3), new(2, "b", "B?", 1, 3), new(3, "c", "C?", 1, 3)],
        [new(1, "Never"), new(2, "Sometimes"), new(3, "Often")],
        new InstrumentScoring(InstrumentScoring.Sum, 3, 9, MeaningfulChange: 2m));
}
