namespace SocialPrescribing.ReferralIntake.Pages;

public enum FormVoice
{
    /// <summary>The person fills the form in themselves.</summary>
    Person,

    /// <summary>A call handler reads each question aloud and types the caller's answers.</summary>
    CallHandler,
}

/// <summary>
/// The referral questions in two voices: the person's own (<c>/refer</c>), and worded to be read
/// aloud to a caller (<c>/intake</c>: what to say is in quotes, notes for the call handler are not).
/// </summary>
public static class FormWording
{
    private static readonly Dictionary<string, (string Person, string CallHandler)> Words = new(StringComparer.Ordinal)
    {
        ["about"] = ("About you", "About the caller"),
        ["givenName"] = ("First name", "“What is your first name?”"),
        ["familyName"] = ("Last name", "“And your last name?”"),
        ["dateOfBirth"] = ("Date of birth", "“What is your date of birth?”"),
        ["postcode"] = ("Postcode", "“What is your postcode?”"),
        ["contact"] = ("How can a link worker contact you?", "How the link worker can contact them"),
        ["contactIntro"] = ("Give a phone number, an email address or both.", "Ask for a phone number, an email address or both."),
        ["phone"] = ("Phone number", "“What is the best phone number for you?”"),
        ["email"] = ("Email address", "“Do you have an email address we can use?”"),
        ["preferredContact"] = ("How would you prefer to be contacted? (optional)", "“How would you like the link worker to get in touch?” (optional)"),
        ["nhsNumber"] = ("NHS number (optional)", "“Do you know your NHS number?” (optional)"),
        ["nhsNumberHint"] = ("A 10-digit number, like 485 777 3456. You can leave this blank.", "It is on letters from the NHS and in the NHS App. Leave blank if they do not know it."),
        ["help"] = ("What would you like help with?", "What they would like help with"),
        ["needs"] = ("Choose everything that applies", "“Which of these would you like help with?” Read the list; choose all they say."),
        ["reason"] = ("Tell us more about what is going on for you (optional)", "“Is there anything else you would like the link worker to know?” (optional, in their words)"),
        ["safety"] = ("Your safety", "Safety questions: ask every caller"),
        ["safetyIntro"] = ("We ask everyone these questions so we can get you the right help quickly.", "Say: “We ask everyone these questions so we can get you the right help quickly.”"),
        ["harmToSelf"] = ("Are you thinking about harming yourself or ending your life?", "“Are you thinking about harming yourself or ending your life?”"),
        ["harmToOthers"] = ("Are you worried you might harm someone else?", "“Are you worried you might harm someone else?”"),
        ["inCrisis"] = ("Do you feel you are in crisis right now?", "“Do you feel you are in crisis right now?”"),
        ["inCrisisHint"] = ("For example, you feel you cannot keep yourself safe or cope today.", "For example, they cannot keep themselves safe or cope today. Any yes: give the crisis numbers at once."),
        ["sharing"] = ("Sharing your information", "Sharing their information"),
        ["shareWithLinkWorker"] = ("Sharing with a link worker", "“Are you happy for us to share these details with a link worker so they can contact you?”"),
        ["shareWithLinkWorkerAnswer"] = ("I agree to share these details with a link worker so they can contact me", "The caller agreed"),
        ["shareWithGp"] = ("Can we tell your GP about your referral?", "“Can we tell your GP about your referral?”"),
        ["gpCodesOnly"] = ("Yes, only that I was referred (no details)", "Yes, only that they were referred (no details)"),
        ["gpFull"] = ("Yes, including what I would like help with", "Yes, including what they would like help with"),
        ["gpNone"] = ("No, do not tell my GP", "No, do not tell their GP"),
    };

    public static string For(FormVoice voice, string key) =>
        Words.TryGetValue(key, out var words)
            ? voice == FormVoice.Person ? words.Person : words.CallHandler
            : throw new KeyNotFoundException($"No wording for '{key}'.");
}
