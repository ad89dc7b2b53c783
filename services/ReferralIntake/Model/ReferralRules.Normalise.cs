using System.Text.RegularExpressions;

namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>How a postcode, phone number and NHS number are written once checked: one form each, so they compare.</summary>
public static partial class ReferralRules
{
    /// <summary>The district part of a normalised postcode: <c>LS6</c> of <c>LS6 3HN</c>.</summary>
    public static string OutwardCodeOf(string normalisedPostcode) => normalisedPostcode.Split(' ')[0];

    /// <summary>"ls14ap" → "LS1 4AP"; null when it is not the shape of a UK postcode.</summary>
    public static string? NormalisePostcode(string postcode)
    {
        ArgumentNullException.ThrowIfNull(postcode);
        var compact = WhiteSpace().Replace(postcode, "").ToUpperInvariant();
        return PostcodePattern().IsMatch(compact) ? $"{compact[..^3]} {compact[^3..]}" : null;
    }

    /// <summary>
    /// UK numbers only (libphonenumber, region GB: landlines and mobiles of a possible length, with or
    /// without +44), stored as national digits starting 0 (e.g. 07700900123). Ofcom's drama ranges
    /// (07700 900xxx, 0113 496 0xxx) are accepted, so examples and tests need no real numbers.
    /// </summary>
    public static string? NormalisePhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var trimmed = phone.Trim();
        if (trimmed.Length is 0 or > 32 || trimmed.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+' or '.')))
        {
            return null;
        }

        try
        {
            var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
            var number = util.Parse(trimmed, "GB");
            var national = number.NationalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return number.CountryCode == 44 && !number.HasExtension
                && util.IsPossibleNumberWithReason(number) == PhoneNumbers.PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                && national[0] is '1' or '2' or '3' or '7' or '8'
                ? "0" + national
                : null;
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return null;
        }
    }

    /// <summary>Ten digits whose last is the modulus 11 check digit of the first nine.</summary>
    public static string? NormaliseNhsNumber(string nhsNumber)
    {
        ArgumentNullException.ThrowIfNull(nhsNumber);
        var digits = PhoneSeparators().Replace(nhsNumber.Trim(), "");
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == digits[9] - '0' ? digits : null;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex PhoneSeparators();


    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
