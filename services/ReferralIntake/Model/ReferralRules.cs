using SocialPrescribing.Geography;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// The rules a referral must meet, shared by the API and the screens. Errors are keyed by JSON path
/// and written for the person filling in the form.
/// </summary>
public static partial class ReferralRules
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 4000;
    public const int MaxEmailLength = 254;

    /// <summary>Checks <paramref name="submission"/>; returns the normalised referral when there are no errors.</summary>
    public static ValidReferral? Validate(ReferralSubmission submission, DateOnly today, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(errors);

        var channel = submission.Channel?.Trim();
        if (string.IsNullOrEmpty(channel))
        {
            errors.Add("channel", "Say how the referral was made: self, phone or professional.");
        }
        else if (!ReferralChannel.All.Contains(channel, StringComparer.Ordinal))
        {
            errors.Add("channel", "Channel must be self, phone or professional.");
        }

        var person = ValidatePerson(submission.Person, today, errors);
        var needs = ValidateNeeds(submission.Needs, errors);

        var reason = submission.Reason?.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            errors.Add("reason", $"Reason must be {MaxReasonLength} characters or fewer.");
        }

        var consent = submission.Consent;
        if (consent is null)
        {
            errors.Add("consent", "Say what you agree to share.");
        }
        else
        {
            if (consent.ShareWithLinkWorker is not true)
            {
                errors.Add("consent.shareWithLinkWorker",
                    "You must agree to share your details with a link worker so they can contact you.");
            }

            if (consent.ShareWithGp is null)
            {
                errors.Add("consent.shareWithGp", "Say whether we may tell your GP about your referral.");
            }
            else if (!GpSharing.All.Contains(consent.ShareWithGp, StringComparer.Ordinal))
            {
                errors.Add("consent.shareWithGp", "Sharing with your GP must be no, codesOnly or full.");
            }
        }

        var risk = submission.Risk;
        if (risk is null)
        {
            errors.Add("risk", "Answer the questions about your safety.");
        }
        else
        {
            RequireAnswer(risk.HarmToSelf, "risk.harmToSelf", "Say whether you are thinking about harming yourself.", errors);
            RequireAnswer(risk.HarmToOthers, "risk.harmToOthers", "Say whether you are thinking about harming someone else.", errors);
            RequireAnswer(risk.InCrisis, "risk.inCrisis", "Say whether you are in crisis now.", errors);
        }

        var referrer = ValidateReferrer(submission.Referrer, channel, errors);
        var language = ValidateLanguage(submission.Language, errors);

        Guid? serviceId = null;
        if (!string.IsNullOrWhiteSpace(submission.ServiceId))
        {
            if (Guid.TryParse(submission.ServiceId.Trim(), out var chosen))
            {
                serviceId = chosen;
            }
            else
            {
                errors.Add("serviceId", "The chosen service must be a directory service's id.");
            }
        }

        if (!errors.IsEmpty || person is null || needs is null || consent is null || risk is null)
        {
            return null;
        }

        return new ValidReferral(
            channel!,
            person,
            needs,
            string.IsNullOrEmpty(reason) ? null : reason,
            consent.ShareWithGp!,
            risk.HarmToSelf!.Value,
            risk.HarmToOthers!.Value,
            risk.InCrisis!.Value,
            referrer)
        {
            ServiceId = serviceId,
            Language = language,
        };
    }

    /// <summary>Checks a person's details (errors under <c>person.*</c>): a referral's, or a correction of them.</summary>
    public static ValidPerson? ValidatePerson(PersonDetails? person, DateOnly today, ValidationErrors errors)
    {
        if (person is null)
        {
            errors.Add("person", "Tell us who the referral is for.");
            return null;
        }

        var givenName = RequiredName(person.GivenName, "person.givenName", "first name", errors);
        var familyName = RequiredName(person.FamilyName, "person.familyName", "last name", errors);

        if (person.DateOfBirth is not { } dateOfBirth)
        {
            if (!errors.Has("person.dateOfBirth"))
            {
                errors.Add("person.dateOfBirth", "Enter a date of birth.");
            }
        }
        else if (dateOfBirth > today)
        {
            errors.Add("person.dateOfBirth", "Date of birth must be in the past.");
        }
        else if (dateOfBirth < today.AddYears(-120))
        {
            errors.Add("person.dateOfBirth", "Date of birth must be within the last 120 years.");
        }

        string? postcode = null;
        if (string.IsNullOrWhiteSpace(person.Postcode))
        {
            errors.Add("person.postcode", "Enter a postcode.");
        }
        else if ((postcode = NormalisePostcode(person.Postcode)) is null)
        {
            errors.Add("person.postcode", "Enter a real UK postcode, like LS1 4AP.");
        }
        else if (!PostcodeDistricts.Exists(OutwardCodeOf(postcode)))
        {
            errors.Add("person.postcode", $"We do not recognise the postcode area {OutwardCodeOf(postcode)}. Check the postcode.");
            postcode = null;
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(person.Phone) && (phone = NormalisePhone(person.Phone)) is null)
        {
            errors.Add("person.phone", "Enter a UK phone number, like 07700 900123 or 0113 496 0000.");
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(person.Email))
        {
            email = person.Email.Trim();
            if (email.Length > MaxEmailLength || !EmailPattern().IsMatch(email))
            {
                errors.Add("person.email", "Enter an email address in the correct format, like name@example.com.");
                email = null;
            }
        }

        if (string.IsNullOrWhiteSpace(person.Phone) && string.IsNullOrWhiteSpace(person.Email))
        {
            errors.Add("person.phone", "Enter a phone number or an email address so a link worker can contact you.");
        }

        string? nhsNumber = null;
        if (!string.IsNullOrWhiteSpace(person.NhsNumber) && (nhsNumber = NormaliseNhsNumber(person.NhsNumber)) is null)
        {
            errors.Add("person.nhsNumber", "Enter a valid 10-digit NHS number, or leave it blank.");
        }

        var preferred = person.PreferredContact?.Trim();
        if (!string.IsNullOrEmpty(preferred))
        {
            if (!ContactPreference.All.Contains(preferred, StringComparer.Ordinal))
            {
                errors.Add("person.preferredContact", "Preferred contact must be phone, email, text or letter.");
            }
            else if (preferred is "phone" or "text" && string.IsNullOrWhiteSpace(person.Phone))
            {
                errors.Add("person.phone", "Enter a phone number if you would like us to phone or text you.");
            }
            else if (preferred == "email" && string.IsNullOrWhiteSpace(person.Email))
            {
                errors.Add("person.email", "Enter an email address if you would like us to email you.");
            }
        }

        return givenName is null || familyName is null || person.DateOfBirth is null || postcode is null
            ? null
            : new ValidPerson(givenName, familyName, person.DateOfBirth.Value, postcode, phone, email, nhsNumber,
                string.IsNullOrEmpty(preferred) ? null : preferred);
    }

    private static List<string>? ValidateNeeds(IReadOnlyList<string>? needs, ValidationErrors errors)
    {
        if (needs is null || needs.Count == 0)
        {
            errors.Add("needs", "Choose at least one thing you would like help with.");
            return null;
        }

        var result = new List<string>();
        for (var i = 0; i < needs.Count; i++)
        {
            var code = needs[i].Trim();
            if (!NeedCodes.IsKnown(code))
            {
                errors.Add($"needs[{i}]", $"'{Truncate(code)}' is not one of the needs we list.");
            }
            else if (!result.Contains(code, StringComparer.Ordinal))
            {
                result.Add(code);
            }
        }

        return result;
    }

    private static ValidReferrer? ValidateReferrer(ReferrerDetails? referrer, string? channel, ValidationErrors errors)
    {
        if (referrer is null)
        {
            if (channel == ReferralChannel.Professional)
            {
                errors.Add("referrer", "A professional referral must say who is referring.");
            }

            return null;
        }

        var name = RequiredName(referrer.Name, "referrer.name", "referrer's name", errors);
        var role = referrer.Role?.Trim();
        if (string.IsNullOrEmpty(role))
        {
            errors.Add("referrer.role", "Enter the referrer's role, for example gp or nurse.");
        }
        else if (role.Length > MaxNameLength)
        {
            errors.Add("referrer.role", $"Role must be {MaxNameLength} characters or fewer.");
        }

        var organisation = referrer.Organisation?.Trim();
        if (organisation is { Length: > 200 })
        {
            errors.Add("referrer.organisation", "Organisation must be 200 characters or fewer.");
        }

        var email = referrer.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && (email.Length > MaxEmailLength || !EmailPattern().IsMatch(email)))
        {
            errors.Add("referrer.email", "Enter the referrer's email address in the correct format.");
        }

        return name is null || string.IsNullOrEmpty(role)
            ? null
            : new ValidReferrer(name, role, string.IsNullOrEmpty(organisation) ? null : organisation, string.IsNullOrEmpty(email) ? null : email);
    }

    private static string? RequiredName(string? value, string path, string what, ValidationErrors errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(path, $"Enter the {what}.");
            return null;
        }

        if (trimmed.Length > MaxNameLength)
        {
            errors.Add(path, $"The {what} must be {MaxNameLength} characters or fewer.");
            return null;
        }

        return trimmed;
    }

    private static void RequireAnswer(bool? answer, string path, string message, ValidationErrors errors)
    {
        if (answer is null)
        {
            errors.Add(path, message);
        }
    }
}
