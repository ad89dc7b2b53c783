using SocialPrescribing.Contracts;

namespace SocialPrescribing.Notifications.Model;

/// <summary>
/// A person as the Notifications service knows them: only what it needs to reach them the way they chose (kept up to
/// date from Intake's events), and whether they asked for no more messages.
/// </summary>
public sealed class Recipient
{
    public Guid PersonId { get; private set; }

    public string GivenName { get; private set; } = "";

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>The phone as a UK mobile number (07…), when it is one: how a STOP texted back finds the person.</summary>
    public string? Mobile { get; private set; }

    /// <summary><c>phone</c>, <c>text</c>, <c>email</c>, <c>letter</c>, or null when they did not say.</summary>
    public string? PreferredContact { get; private set; }

    public string Language { get; private set; } = "en";

    /// <summary>They asked for no more messages (a link in a message, or STOP to a text): only safety-critical staff alerts go on.</summary>
    public DateTimeOffset? OptedOutAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The secret in the link every message carries to stop messages (no sign-in: the link is the proof).</summary>
    public string OptOutToken { get; private set; } = "";

    private Recipient()
    {
    }

    public static Recipient From(Guid personId, NoticeRecipient contact, DateTimeOffset now)
    {
        var recipient = new Recipient
        {
            PersonId = personId,
            OptOutToken = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'),
        };
        recipient.Update(contact, now);
        return recipient;
    }

    public void Update(NoticeRecipient contact, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contact);
        GivenName = contact.GivenName;
        Email = string.IsNullOrWhiteSpace(contact.Email) ? null : contact.Email.Trim();
        Phone = string.IsNullOrWhiteSpace(contact.Phone) ? null : contact.Phone.Trim();
        Mobile = Phone is null ? null : MobileNumber.Normalise(Phone);
        PreferredContact = string.IsNullOrWhiteSpace(contact.PreferredContact) ? null : contact.PreferredContact.Trim();
        Language = string.IsNullOrWhiteSpace(contact.Language) ? "en" : contact.Language;
        UpdatedAt = now;
    }

    public const string OptedOutReason = "they asked for no more messages";

    /// <summary>They asked for no more messages (once: asking again changes nothing).</summary>
    public void OptOut(DateTimeOffset now) => OptedOutAt ??= now;

    /// <summary>
    /// Where a message to the person goes, the way they chose: email to their email; text (or phone, when the number is
    /// a mobile) as a text; a letter by post; else nowhere (with the reason, shown on the case).
    /// </summary>
    public (string? Channel, string? Address, string? NotSentBecause) Destination() => PreferredContact switch
    {
        _ when OptedOutAt is not null => (null, null, OptedOutReason),
        "email" when Email is not null => (NoticeChannels.Email, Email, null),
        "text" or "phone" when Phone is not null && MobileNumber.Normalise(Phone) is { } mobile => (NoticeChannels.Text, mobile, null),
        "phone" => (null, null, "they prefer a phone call and gave no mobile number"),
        "text" => (null, null, "their number is not a mobile number"),
        "letter" => (NoticeChannels.Letter, null, null),
        null => (null, null, "they did not say how they would like to be contacted"),
        _ => (null, null, "no contact for the way they chose"),
    };
}

public static class NoticeChannels
{
    public const string Email = "email";
    public const string Text = "text";
    public const string Letter = "letter";
}

/// <summary>UK mobile numbers (07…, +447…, 00447…), as Notify takes them.</summary>
public static class MobileNumber
{
    /// <summary>The number as <c>07xxxxxxxxx</c>, or null when it is not a UK mobile number.</summary>
    public static string? Normalise(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var digits = new string(phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        digits = digits.StartsWith("+44", StringComparison.Ordinal) ? "0" + digits[3..]
            : digits.StartsWith("0044", StringComparison.Ordinal) ? "0" + digits[4..]
            : digits.StartsWith("447", StringComparison.Ordinal) && digits.Length == 12 ? "0" + digits[2..] // as Notify gives an inbound text's sender
            : digits;
        return digits.Length == 11 && digits.StartsWith("07", StringComparison.Ordinal) && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
