using System.Text.RegularExpressions;
using SocialPrescribing.Validation;

namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>
/// What makes an instrument definition usable: every item answerable and labelled, a scoring rule that
/// covers every possible answer (a complete conversion table), bands that do not overlap. An admin's
/// definition is checked here before it is stored; every error names its field.
/// </summary>
public static partial class DefinitionRules
{
    public const int MaxItems = 100;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Key();

    public static ValidationErrors Check(InstrumentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new ValidationErrors();
        if (definition.Id is null || !Slug().IsMatch(definition.Id))
        {
            errors.Add("id", "Give an id of 2 to 64 lower-case letters, digits and hyphens, starting with a letter or digit.");
        }

        Text(errors, "name", definition.Name, 200);
        Text(errors, "description", definition.Description, 2000);
        if (definition.Licence is { Length: > 500 })
        {
            errors.Add("licence", "Keep the licence note to 500 characters.");
        }

        CheckItems(definition, errors);
        CheckOptions(definition, errors);
        if (definition.Scoring is null)
        {
            errors.Add("scoring", "Say how the answers are scored.");
        }
        else if (errors.IsEmpty)
        {
            CheckScoring(definition, errors);
        }

        if (definition.Supplementary is { } extra)
        {
            Text(errors, "supplementary.key", extra.Key, 64);
            Text(errors, "supplementary.text", extra.Text, 500);
            if (extra.Answers is not { Count: >= 2 } || extra.Answers.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add("supplementary.answers", "Give at least two answers, none of them empty.");
            }
        }

        foreach (var (language, translation) in definition.Translations ?? new Dictionary<string, InstrumentTranslation>())
        {
            TranslationRules.Check(definition, language, translation, errors, $"translations.{language}.");
        }

        return errors;
    }

    private static void CheckItems(InstrumentDefinition definition, ValidationErrors errors)
    {
        if (definition.Items is not { Count: > 0 and <= MaxItems } items)
        {
            errors.Add("items", $"Give between 1 and {MaxItems} items.");
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = $"items[{i}]";
            if (item is null)
            {
                errors.Add(path, "An item cannot be empty.");
                continue;
            }

            if (item.Number != i + 1)
            {
                errors.Add($"{path}.number", $"Number the items 1, 2, 3… in order: this one should be {i + 1}.");
            }

            if (item.Key is null || !Key().IsMatch(item.Key))
            {
                errors.Add($"{path}.key", "Give a key of lower-case letters, digits and hyphens.");
            }
            else if (!keys.Add(item.Key))
            {
                errors.Add($"{path}.key", $"The key '{item.Key}' is used by another item.");
            }

            Text(errors, $"{path}.text", item.Text, 500);
            if (item.Min >= item.Max)
            {
                errors.Add($"{path}.max", "The highest answer must be above the lowest.");
            }
            else if (item.Min < -100 || item.Max > 1000)
            {
                errors.Add($"{path}.min", "Answers run between -100 and 1000.");
            }
        }
    }

    /// <summary>Labelled answers, if given, must label every answer any item allows (screens show the labels).</summary>
    private static void CheckOptions(InstrumentDefinition definition, ValidationErrors errors)
    {
        if (definition.ResponseOptions is not { Count: > 0 } options || definition.Items is not { Count: > 0 } items || items.Any(i => i is null))
        {
            return;
        }

        if (options.Any(o => o is null || string.IsNullOrWhiteSpace(o.Label)))
        {
            errors.Add("responseOptions", "Every answer needs a label.");
            return;
        }

        var values = options.Select(o => o.Value).ToHashSet();
        if (values.Count != options.Count)
        {
            errors.Add("responseOptions", "Each answer's value may appear once.");
        }

        var missing = items.Where(i => i.Min < i.Max && i.Max - i.Min <= 1000)
            .SelectMany(i => Enumerable.Range(i.Min, i.Max - i.Min + 1)).Distinct().Where(v => !values.Contains(v)).Order().ToList();
        if (missing.Count > 0)
        {
            errors.Add("responseOptions", $"Label every answer the items allow; missing: {string.Join(", ", missing.Take(10))}.");
        }
    }

    private static void CheckScoring(InstrumentDefinition definition, ValidationErrors errors)
    {
        var scoring = definition.Scoring;
        var items = definition.Items;
        if (!InstrumentScoring.Methods.Contains(scoring.Method))
        {
            errors.Add("scoring.method", $"Score by one of: {string.Join(", ", InstrumentScoring.Methods)}.");
            return;
        }

        decimal low, high;
        if (scoring.Method == InstrumentScoring.Separate)
        {
            if (scoring.RawMin is not null || scoring.RawMax is not null || scoring.ConversionTable is not null)
            {
                errors.Add("scoring.method", "Items scored separately have no total: leave out rawMin, rawMax and conversionTable.");
            }

            low = items.Min(i => i.Min);
            high = items.Max(i => i.Max);
        }
        else
        {
            int sumMin = items.Sum(i => i.Min), sumMax = items.Sum(i => i.Max);
            if (scoring.RawMin != sumMin || scoring.RawMax != sumMax)
            {
                errors.Add("scoring.rawMin", $"The items' answers add up to between {sumMin} and {sumMax}: give rawMin {sumMin} and rawMax {sumMax}.");
                return;
            }

            (low, high) = (sumMin, sumMax);
            if (scoring.Method == InstrumentScoring.SumThenTable)
            {
                var table = scoring.ConversionTable ?? new Dictionary<int, decimal>();
                var missing = Enumerable.Range(sumMin, sumMax - sumMin + 1).Where(raw => !table.ContainsKey(raw)).ToList();
                var extra = table.Keys.Where(raw => raw < sumMin || raw > sumMax).Order().ToList();
                if (missing.Count > 0)
                {
                    errors.Add("scoring.conversionTable", $"The table must convert every raw score from {sumMin} to {sumMax}; missing: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? "…" : "")}.");
                    return;
                }

                if (extra.Count > 0)
                {
                    errors.Add("scoring.conversionTable", $"Raw scores outside {sumMin}–{sumMax} cannot happen: {string.Join(", ", extra.Take(10))}.");
                    return;
                }

                (low, high) = (table.Values.Min(), table.Values.Max());
            }
            else if (scoring.ConversionTable is not null)
            {
                errors.Add("scoring.conversionTable", $"Only '{InstrumentScoring.SumThenTable}' uses a conversion table.");
            }
        }

        CheckBands(definition, low, high, errors);
        if (scoring.MeaningfulChange is <= 0)
        {
            errors.Add("scoring.meaningfulChange", "A meaningful change is above 0.");
        }

        if (scoring.SmallChange is { } small && (small <= 0 || scoring.MeaningfulChange is not { } meaningful || small >= meaningful))
        {
            errors.Add("scoring.smallChange", "A small change is above 0 and below the meaningful change (which it needs).");
        }
    }

    private static void CheckBands(InstrumentDefinition definition, decimal low, decimal high, ValidationErrors errors)
    {
        if (definition.Scoring.ItemBands is not { Count: > 0 } bands)
        {
            return;
        }

        var separate = definition.Scoring.Method == InstrumentScoring.Separate;
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var path = $"scoring.itemBands[{i}]";
            if (band is null || string.IsNullOrWhiteSpace(band.Label))
            {
                errors.Add(path, "Every band needs a label.");
                continue;
            }

            var item = band.ItemKey is null ? null : definition.Items.FirstOrDefault(it => it.Key == band.ItemKey);
            if (separate ? item is null : band.ItemKey is not null)
            {
                errors.Add($"{path}.itemKey", separate
                    ? "Items scored separately are banded item by item: name one of the items."
                    : "Bands of a total leave out itemKey.");
                continue;
            }

            decimal min = item?.Min ?? low, max = item?.Max ?? high;
            if (band.From > band.To || band.From < min || band.To > max)
            {
                errors.Add(path, $"A band runs from a lower to a higher score, within {min}–{max}.");
                continue;
            }

            var overlap = bands.Take(i).FirstOrDefault(b => b is not null && b.ItemKey == band.ItemKey && b.From <= band.To && band.From <= b.To);
            if (overlap is not null)
            {
                errors.Add(path, $"'{band.Label}' ({band.From}–{band.To}) overlaps '{overlap.Label}' ({overlap.From}–{overlap.To}).");
            }
        }
    }

    internal static void Text(ValidationErrors errors, string path, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, "This cannot be empty.");
        }
        else if (value.Length > max)
        {
            errors.Add(path, $"Keep this to {max} characters.");
        }
    }
}
