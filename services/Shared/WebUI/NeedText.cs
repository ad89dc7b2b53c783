namespace SocialPrescribing.WebUI;

/// <summary>
/// The needs a person may ask help with (Referral Intake's codes, the directory's taxonomy terms), named in English
/// (<c>NeedText.resx</c>) and Welsh (<c>NeedText.cy.resx</c>) for the public screens of every service.
/// </summary>
public sealed class NeedText
{
    private NeedText()
    {
    }

    /// <summary>The need's name; a code without one is a mistake.</summary>
    public static string Get(string code) => SuiteText.Get<NeedText>(code);

    /// <summary>The need's name, or null for a term that is none of ours (an imported one).</summary>
    public static string? Find(string code) => SuiteText.Find<NeedText>(code);
}
