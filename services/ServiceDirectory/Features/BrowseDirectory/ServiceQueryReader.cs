using System.Globalization;
using SocialPrescribing.Geography;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features.BrowseDirectory;

/// <summary>Reads one ORUK query parameter at a time, recording each mistake under the parameter's name.</summary>
internal sealed class ServiceQueryReader(IQueryCollection query, IDictionary<string, string[]> errors)
{
    public string? Text(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

    public int? Number(string name, int min, int max, string words)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        errors[name] = [$"{name} must be {words}."];
        return null;
    }

    public TimeOnly? Time(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t;
        }

        errors[name] = [$"{name} must be a time of day such as 09:30."];
        return null;
    }

    public string? Search()
    {
        var search = Text("search");
        if (search is { Length: > 200 })
        {
            errors["search"] = ["search must be 200 characters or fewer."];
        }

        return search;
    }

    /// <summary>A taxonomy term's id, or a need code given instead (<c>taxonomy_term_id=loneliness</c>).</summary>
    public (Guid? TermId, string? NeedCode) Term()
    {
        if (Text("taxonomy_term_id") is not { } term)
        {
            return (null, null);
        }

        if (Guid.TryParse(term, out var id))
        {
            return (id, null);
        }

        if (term.Length <= 64 && term.All(c => char.IsAsciiLetterLower(c) || c == '-'))
        {
            return (null, term);
        }

        errors["taxonomy_term_id"] = ["taxonomy_term_id must be a taxonomy term's id (or a need code such as loneliness)."];
        return (null, null);
    }

    public Guid? TaxonomyId()
    {
        if (Text("taxonomy_id") is not { } taxonomy)
        {
            return null;
        }

        if (Guid.TryParse(taxonomy, out var id))
        {
            return id;
        }

        errors["taxonomy_id"] = ["taxonomy_id must be a taxonomy's id."];
        return null;
    }

    /// <summary>An RFC 5545 day code, from the code or the day's English name.</summary>
    public string? Day(string[] dayCodes)
    {
        if (Text("day") is not { } dayText)
        {
            return null;
        }

        var day = dayCodes.FirstOrDefault(code =>
            string.Equals(code, dayText, StringComparison.OrdinalIgnoreCase)
            || CultureInfo.InvariantCulture.DateTimeFormat.DayNames[(Array.IndexOf(dayCodes, code) + 1) % 7].Equals(dayText, StringComparison.OrdinalIgnoreCase));
        if (day is null)
        {
            errors["day"] = ["day must be a day of the week: MO, TU, WE, TH, FR, SA, SU (or its name, such as monday)."];
        }

        return day;
    }

    /// <summary>The centre of the postcode's district.</summary>
    public GeoPoint? Near()
    {
        if (Text("postcode") is not { } postcode)
        {
            return null;
        }

        var near = postcode.Length <= 10 ? PostcodeDistricts.CentreOf(postcode) : null;
        if (near is null)
        {
            errors["postcode"] = ["postcode must be a UK postcode or postcode district we know, such as LS1 4AP or LS1."];
        }

        return near;
    }

    public int? Proximity(int maxMetres)
    {
        var proximity = Number("proximity", 1, maxMetres, $"a distance in metres from 1 to {maxMetres}");
        if (proximity is not null && Text("postcode") is null)
        {
            errors["proximity"] = ["proximity needs a postcode to measure from."];
        }

        return proximity;
    }

    /// <summary>Active only unless the caller asks for <c>all</c> or one status.</summary>
    public IReadOnlyList<string> Statuses()
    {
        if (Text("status") is not { } status)
        {
            return [ServiceStatus.Active];
        }

        if (string.Equals(status, "all", StringComparison.OrdinalIgnoreCase))
        {
            return ServiceStatus.All;
        }

        if (ServiceStatus.All.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase)) is { } one)
        {
            return [one];
        }

        errors["status"] = ["status must be active, inactive, defunct, temporarily closed or all."];
        return [ServiceStatus.Active];
    }

    public bool? Stale()
    {
        if (Text("stale") is not { } staleText)
        {
            return null;
        }

        bool? stale = staleText.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (stale is null)
        {
            errors["stale"] = ["stale must be true or false."];
        }

        return stale;
    }
}
