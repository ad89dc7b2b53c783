using SocialPrescribing.Validation;

namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>
/// What makes a translation of an instrument usable: a language we offer (Welsh), the same questions by key and in
/// order, every answer labelled by its value, the extra question (if the instrument has one) with as many answers, and
/// the source of the validated wording. Every error names its field under <c>prefix</c>.
/// </summary>
public static class TranslationRules
{
    /// <summary>Languages an instrument may be translated into (English is the definition itself).</summary>
    public static readonly IReadOnlyList<string> Languages = ["cy"];

    public static void Check(InstrumentDefinition definition, string language, InstrumentTranslation? translation, ValidationErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Languages.Contains(language, StringComparer.Ordinal))
        {
            errors.Add(prefix + "language", $"Translations may be in: {string.Join(", ", Languages)} (English is the definition itself).");
        }

        if (translation is null)
        {
            errors.Add(prefix + "$", "Send the translation as a JSON object.");
            return;
        }

        DefinitionRules.Text(errors, prefix + "name", translation.Name, 200);
        DefinitionRules.Text(errors, prefix + "description", translation.Description, 2000);
        DefinitionRules.Text(errors, prefix + "source", translation.Source, 500);
        CheckItems(definition, translation, errors, prefix);
        CheckOptions(definition, translation, errors, prefix);
        CheckSupplementary(definition, translation, errors, prefix);
    }

    private static void CheckItems(InstrumentDefinition definition, InstrumentTranslation translation, ValidationErrors errors, string prefix)
    {
        var items = translation.Items ?? [];
        if (!items.Select(i => i?.Key).SequenceEqual(definition.Items.Select(i => i.Key)))
        {
            errors.Add(prefix + "items", $"Translate every question, by key and in order: {string.Join(", ", definition.Items.Select(i => i.Key))}.");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            DefinitionRules.Text(errors, $"{prefix}items[{i}].text", items[i].Text, 500);
            EndLabel(errors, $"{prefix}items[{i}].lowLabel", definition.Items[i].LowLabel, items[i].LowLabel);
            EndLabel(errors, $"{prefix}items[{i}].highLabel", definition.Items[i].HighLabel, items[i].HighLabel);
        }
    }

    private static void EndLabel(ValidationErrors errors, string path, string? original, string? translated)
    {
        if (original is null && translated is not null)
        {
            errors.Add(path, "The question has no label here to translate.");
        }
        else if (original is not null)
        {
            DefinitionRules.Text(errors, path, translated, 100);
        }
    }

    private static void CheckOptions(InstrumentDefinition definition, InstrumentTranslation translation, ValidationErrors errors, string prefix)
    {
        var options = translation.ResponseOptions ?? [];
        if (!options.Select(o => o?.Value).Order().SequenceEqual(definition.ResponseOptions.Select(o => (int?)o.Value).Order()))
        {
            errors.Add(prefix + "responseOptions", $"Label every answer by its value: {string.Join(", ", definition.ResponseOptions.Select(o => o.Value))}.");
            return;
        }

        for (var i = 0; i < options.Count; i++)
        {
            DefinitionRules.Text(errors, $"{prefix}responseOptions[{i}].label", options[i].Label, 100);
        }
    }

    private static void CheckSupplementary(InstrumentDefinition definition, InstrumentTranslation translation, ValidationErrors errors, string prefix)
    {
        if (definition.Supplementary is null)
        {
            if (translation.Supplementary is not null)
            {
                errors.Add(prefix + "supplementary", "The instrument has no extra question to translate.");
            }

            return;
        }

        if (translation.Supplementary is not { } extra)
        {
            errors.Add(prefix + "supplementary", "Translate the extra question and its answers too.");
            return;
        }

        DefinitionRules.Text(errors, prefix + "supplementary.text", extra.Text, 500);
        if (extra.Answers is null || extra.Answers.Count != definition.Supplementary.Answers.Count || extra.Answers.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(prefix + "supplementary.answers", $"Give the {definition.Supplementary.Answers.Count} answers in the instrument's order, none empty.");
        }
    }
}
