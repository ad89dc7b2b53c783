namespace SocialPrescribing.ReferralIntake.Pages;

public enum FormVoice
{
    /// <summary>The person fills the form in themselves.</summary>
    Person,

    /// <summary>A call handler reads each question aloud and types the caller's answers.</summary>
    CallHandler,

    /// <summary>A professional (GP, nurse, housing officer, teacher…) refers someone they work with.</summary>
    Professional,
}

/// <summary>
/// The referral questions in three voices: the person's own (<c>/refer</c>), worded to be read aloud
/// to a caller (<c>/intake</c>: what to say is in quotes, notes for the call handler are not), and
/// about the person for a professional referring them (<c>/refer/professional</c>). The person's own words are public
/// and so in English or Welsh (<c>Form.*</c> in <see cref="PublicText"/>); the staff forms' are English.
/// </summary>
public static class FormWording
{
    private static readonly Dictionary<string, (string CallHandler, string Professional)> Words = new(StringComparer.Ordinal)
    {
        ["about"] = ("About the caller", "About the person you are referring"),
        ["givenName"] = ("“What is your first name?”", "Their first name"),
        ["familyName"] = ("“And your last name?”", "Their last name"),
        ["dateOfBirth"] = ("“What is your date of birth?”", "Their date of birth"),
        ["postcode"] = ("“What is your postcode?”", "Their postcode"),
        ["contact"] = ("How the link worker can contact them", "How can a link worker contact them?"),
        ["contactIntro"] = ("Ask for a phone number, an email address or both.", "Give their phone number, email address or both."),
        ["phone"] = ("“What is the best phone number for you?”", "Their phone number"),
        ["email"] = ("“Do you have an email address we can use?”", "Their email address"),
        ["preferredContact"] = ("“How would you like the link worker to get in touch?” (optional)", "How would they prefer to be contacted? (optional)"),
        ["nhsNumber"] = ("“Do you know your NHS number?” (optional)", "Their NHS number (optional)"),
        ["nhsNumberHint"] = ("It is on letters from the NHS and in the NHS App. Leave blank if they do not know it.", "A 10-digit number, like 485 777 3456. Include it if you have it: it helps us find the right record."),
        ["help"] = ("What they would like help with", "What would they like help with?"),
        ["needs"] = ("“Which of these would you like help with?” Read the list; choose all they say.", "Choose everything that applies"),
        ["reason"] = ("“Is there anything else you would like the link worker to know?” (optional, in their words)", "Why are you referring them? (optional)"),
        ["safety"] = ("Safety questions: ask every caller", "Their safety"),
        ["safetyIntro"] = ("Say: “We ask everyone these questions so we can get you the right help quickly.”", "Answer from what you know. If you think they are at risk now, do not wait for us: follow your own safeguarding procedures."),
        ["harmToSelf"] = ("“Are you thinking about harming yourself or ending your life?”", "Are they thinking about harming themselves or ending their life?"),
        ["harmToOthers"] = ("“Are you worried you might harm someone else?”", "Are you worried they might harm someone else?"),
        ["inCrisis"] = ("“Do you feel you are in crisis right now?”", "Are they in crisis right now?"),
        ["inCrisisHint"] = ("For example, they cannot keep themselves safe or cope today. Any yes: give the crisis numbers at once.", "For example, they cannot keep themselves safe or cope today."),
        ["sharing"] = ("Sharing their information", "Their agreement"),
        ["shareWithLinkWorker"] = ("“Are you happy for us to share these details with a link worker so they can contact you?”", "Sharing with a link worker"),
        ["shareWithLinkWorkerAnswer"] = ("The caller agreed", "The person agrees to us sharing these details with a link worker so they can contact them"),
        ["shareWithGp"] = ("“Can we tell your GP about your referral?”", "Can we tell their GP about the referral?"),
        ["gpCodesOnly"] = ("Yes, only that they were referred (no details)", "Yes, only that they were referred (no details)"),
        ["gpFull"] = ("Yes, including what they would like help with", "Yes, including what they would like help with"),
        ["gpNone"] = ("No, do not tell their GP", "No, do not tell their GP"),
        ["language"] = ("“Would you like us to speak and write to you in English or in Welsh?”", "Which language would they like us to use?"),
    };

    public static string For(FormVoice voice, string key) =>
        !Words.TryGetValue(key, out var words) ? throw new KeyNotFoundException($"No wording for '{key}'.")
        : voice switch
        {
            FormVoice.Person => PublicText.Get("Form." + key),
            FormVoice.CallHandler => words.CallHandler,
            _ => words.Professional,
        };
}
