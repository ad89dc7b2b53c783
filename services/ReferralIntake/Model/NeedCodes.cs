namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>What a person would like help with (API.md), with the words shown on screens.</summary>
public static class NeedCodes
{
    public static readonly IReadOnlyList<(string Code, string Label)> All =
    [
        ("loneliness", "Feeling lonely or isolated"),
        ("mental-wellbeing", "Mental wellbeing, stress or low mood"),
        ("physical-activity", "Being more active"),
        ("money", "Money and benefits"),
        ("debt", "Debt"),
        ("housing", "Housing"),
        ("employment", "Work, training or volunteering"),
        ("carers", "Caring for someone"),
        ("bereavement", "Bereavement"),
        ("arts-culture", "Arts and culture"),
        ("nature", "Nature and outdoor activities"),
        ("learning", "Learning something new"),
        ("food", "Food"),
        ("digital-skills", "Getting online"),
        ("other", "Something else"),
    ];

    private static readonly HashSet<string> Codes = [.. All.Select(n => n.Code)];

    public static bool IsKnown(string code) => Codes.Contains(code);
}
