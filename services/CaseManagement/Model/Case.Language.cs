using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>The language the person would like us to use, as their referral said: the link worker calls and writes in it.</summary>
public sealed partial class Case
{
    public const string English = "en";
    public const string Welsh = "cy";

    /// <summary><c>en</c> or <c>cy</c>; the latest referral's choice.</summary>
    public string Language { get; private set; } = English;

    private static string LanguageOf(ReferralSubmitted referral) => referral.Language == Welsh ? Welsh : English;
}
