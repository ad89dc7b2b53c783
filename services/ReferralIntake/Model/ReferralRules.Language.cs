using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>The language the person would like us to use (calls, letters, messages): English or Welsh.</summary>
public static partial class ReferralRules
{
    public const string English = "en";
    public const string Welsh = "cy";

    public static readonly IReadOnlyList<string> Languages = [English, Welsh];

    /// <summary>The chosen language, English when none is given; anything else is a mistake.</summary>
    private static string ValidateLanguage(string? language, ValidationErrors errors)
    {
        var chosen = language?.Trim();
        if (string.IsNullOrEmpty(chosen))
        {
            return English;
        }

        if (!Languages.Contains(chosen, StringComparer.Ordinal))
        {
            errors.Add("language", "Language must be en (English) or cy (Welsh).");
        }

        return chosen;
    }
}
