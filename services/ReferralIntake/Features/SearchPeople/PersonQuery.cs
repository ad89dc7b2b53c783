using System.Globalization;
using System.Text.RegularExpressions;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.SearchPeople;

/// <summary>
/// What a member of staff is looking for, checked: a name (forgiving of case, accents and typos), a
/// reference, an NHS number or a postcode typed in the one box, and/or a date of birth, NHS number or
/// postcode in their own fields. All given must match.
/// </summary>
public sealed partial record PersonQuery(string? Name, string? Reference, DateOnly? DateOfBirth, string? NhsNumber, string? Postcode, string? OutwardCode)
{
    public const int MinimumSearchLength = 2;

    public const int MaximumSearchLength = 100;

    /// <summary>The terms as typed, for the audit of the search (empty ones left out).</summary>
    public IReadOnlyDictionary<string, string> Terms { get; private init; } = new Dictionary<string, string>();

    /// <summary>The query, or what is wrong with the terms (field → messages) for a 400.</summary>
    public static (PersonQuery? Query, Dictionary<string, string[]> Errors) Parse(string? search, string? dateOfBirth, string? nhsNumber, string? postcode)
    {
        var errors = new Dictionary<string, string[]>();
        var terms = new Dictionary<string, string>();
        search = search?.Trim();
        dateOfBirth = dateOfBirth?.Trim();
        nhsNumber = nhsNumber?.Trim();
        postcode = postcode?.Trim();
        string? name = null, reference = null, nhs = null, fullPostcode = null, outward = null;
        DateOnly? born = null;
        if (string.IsNullOrEmpty(search) && string.IsNullOrEmpty(dateOfBirth) && string.IsNullOrEmpty(nhsNumber) && string.IsNullOrEmpty(postcode))
        {
            errors["search"] = ["Enter a name (at least 2 characters), reference, NHS number, postcode or date of birth to search for"];
            return (null, errors);
        }

        if (!string.IsNullOrEmpty(search))
        {
            terms["search"] = search;
            if (search.Length < MinimumSearchLength)
            {
                errors["search"] = [$"Enter at least {MinimumSearchLength} characters of a name, or a reference, NHS number or postcode"];
            }
            else if (search.Length > MaximumSearchLength)
            {
                errors["search"] = [$"Enter at most {MaximumSearchLength} characters"];
            }
            else if (search.Any(char.IsControl))
            {
                errors["search"] = ["Enter letters, digits and spaces only"];
            }
            else if (ReferencePattern().IsMatch(search))
            {
                reference = search.ToUpperInvariant();
            }
            else if (ReferralRules.NormaliseNhsNumber(search) is { } asNhs)
            {
                nhs = asNhs;
            }
            else if (search.Any(char.IsAsciiDigit) && ReferralRules.NormalisePostcode(search) is { } asPostcode)
            {
                fullPostcode = asPostcode;
            }
            else if (search.Any(char.IsAsciiDigit) && OutwardPattern().IsMatch(search))
            {
                outward = search.ToUpperInvariant();
            }
            else if (Person.SearchFold(search) is { Length: >= MinimumSearchLength } folded)
            {
                name = folded;
            }
            else
            {
                errors["search"] = [$"Enter at least {MinimumSearchLength} letters of a name, or a reference, NHS number or postcode"];
            }
        }

        foreach (var (field, value) in new[] { ("dateOfBirth", dateOfBirth), ("nhsNumber", nhsNumber), ("postcode", postcode) })
        {
            if (value is { Length: > MaximumSearchLength })
            {
                errors[field] = [$"Enter at most {MaximumSearchLength} characters"];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (!string.IsNullOrEmpty(dateOfBirth))
        {
            terms["dateOfBirth"] = dateOfBirth;
            if (DateOnly.TryParseExact(dateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                born = date;
            }
            else
            {
                errors["dateOfBirth"] = ["Enter a date of birth as YYYY-MM-DD, for example 1990-12-10"];
            }
        }

        if (!string.IsNullOrEmpty(nhsNumber))
        {
            terms["nhsNumber"] = nhsNumber;
            if (ReferralRules.NormaliseNhsNumber(nhsNumber) is { } valid && (nhs is null || nhs == valid))
            {
                nhs = valid;
            }
            else
            {
                errors["nhsNumber"] = ["Enter a valid 10-digit NHS number"];
            }
        }

        if (!string.IsNullOrEmpty(postcode))
        {
            terms["postcode"] = postcode;
            if (ReferralRules.NormalisePostcode(postcode) is { } valid)
            {
                fullPostcode = valid;
            }
            else if (OutwardPattern().IsMatch(postcode))
            {
                outward = postcode.ToUpperInvariant();
            }
            else
            {
                errors["postcode"] = ["Enter a postcode, like LS6 3HN, or its first part, like LS6"];
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new PersonQuery(name, reference, born, nhs, fullPostcode, outward) { Terms = terms }, errors);
    }

    [GeneratedRegex("^SP-[A-Z0-9]{4}-[A-Z0-9]{4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutwardPattern();
}
