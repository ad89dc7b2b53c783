using System.Globalization;
using SocialPrescribing.Geography;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features.BrowseDirectory;

/// <summary>
/// The ORUK query parameters of <c>/services</c> and <c>/service_at_locations</c>, read and checked:
/// each mistake named by its parameter, so a caller can put it right.
/// </summary>
public sealed record ServiceQuery
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 200;
    public const int MaxProximityMetres = 500_000;

    private static readonly string[] DayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public int Page { get; init; } = 1;

    public int PerPage { get; private init; } = DefaultPerPage;

    /// <summary>Words to look for in name and description (PostgreSQL web search syntax: "quoted phrases", -not, or).</summary>
    public string? Search { get; private init; }

    public Guid? TaxonomyTermId { get; private init; }

    /// <summary>A need code given instead of a term id (<c>taxonomy_term_id=loneliness</c>).</summary>
    public string? NeedCode { get; private init; }

    public Guid? TaxonomyId { get; private init; }

    public int? MinimumAge { get; private init; }

    public int? MaximumAge { get; private init; }

    /// <summary>RFC 5545 day code (MO … SU).</summary>
    public string? Day { get; private init; }

    public TimeOnly? StartTime { get; private init; }

    public TimeOnly? EndTime { get; private init; }

    public GeoPoint? Near { get; private init; }

    public int? ProximityMetres { get; private init; }

    /// <summary>Statuses to include: active only unless the caller asks (<c>status=all</c> or one status).</summary>
    public IReadOnlyList<string> Statuses { get; private init; } = [ServiceStatus.Active];

    /// <summary><c>stale=true</c>: only services whose details nobody has checked for three months; <c>false</c>: only fresh ones.</summary>
    public bool? Stale { get; private init; }

    public static ServiceQuery Read(IQueryCollection query, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        string? Text(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        int? Number(string name, int min, int max, string words)
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

        TimeOnly? Time(string name)
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

        var search = Text("search");
        if (search is { Length: > 200 })
        {
            errors["search"] = ["search must be 200 characters or fewer."];
        }

        Guid? termId = null;
        string? needCode = null;
        if (Text("taxonomy_term_id") is { } term)
        {
            if (Guid.TryParse(term, out var id))
            {
                termId = id;
            }
            else if (term.Length <= 64 && term.All(c => char.IsAsciiLetterLower(c) || c == '-'))
            {
                needCode = term;
            }
            else
            {
                errors["taxonomy_term_id"] = ["taxonomy_term_id must be a taxonomy term's id (or a need code such as loneliness)."];
            }
        }

        Guid? taxonomyId = null;
        if (Text("taxonomy_id") is { } taxonomy)
        {
            if (Guid.TryParse(taxonomy, out var id))
            {
                taxonomyId = id;
            }
            else
            {
                errors["taxonomy_id"] = ["taxonomy_id must be a taxonomy's id."];
            }
        }

        string? day = null;
        if (Text("day") is { } dayText)
        {
            day = DayCodes.FirstOrDefault(code =>
                string.Equals(code, dayText, StringComparison.OrdinalIgnoreCase)
                || CultureInfo.InvariantCulture.DateTimeFormat.DayNames[(Array.IndexOf(DayCodes, code) + 1) % 7].Equals(dayText, StringComparison.OrdinalIgnoreCase));
            if (day is null)
            {
                errors["day"] = ["day must be a day of the week: MO, TU, WE, TH, FR, SA, SU (or its name, such as monday)."];
            }
        }

        GeoPoint? near = null;
        if (Text("postcode") is { } postcode)
        {
            near = postcode.Length <= 10 ? PostcodeDistricts.CentreOf(postcode) : null;
            if (near is null)
            {
                errors["postcode"] = ["postcode must be a UK postcode or postcode district we know, such as LS1 4AP or LS1."];
            }
        }

        var proximity = Number("proximity", 1, MaxProximityMetres, $"a distance in metres from 1 to {MaxProximityMetres}");
        if (proximity is not null && Text("postcode") is null)
        {
            errors["proximity"] = ["proximity needs a postcode to measure from."];
        }

        IReadOnlyList<string> statuses = [ServiceStatus.Active];
        if (Text("status") is { } status)
        {
            if (string.Equals(status, "all", StringComparison.OrdinalIgnoreCase))
            {
                statuses = ServiceStatus.All;
            }
            else if (ServiceStatus.All.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase)) is { } one)
            {
                statuses = [one];
            }
            else
            {
                errors["status"] = ["status must be active, inactive, defunct, temporarily closed or all."];
            }
        }

        bool? stale = null;
        if (Text("stale") is { } staleText)
        {
            stale = staleText.ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => null,
            };
            if (stale is null)
            {
                errors["stale"] = ["stale must be true or false."];
            }
        }

        var result = new ServiceQuery
        {
            Page = Number("page", 1, 1_000_000, "a page number of 1 or more") ?? 1,
            PerPage = Number("per_page", 1, MaxPerPage, $"between 1 and {MaxPerPage}") ?? DefaultPerPage,
            Search = search,
            TaxonomyTermId = termId,
            NeedCode = needCode,
            TaxonomyId = taxonomyId,
            MinimumAge = Number("minimum_age", 0, 130, "an age between 0 and 130"),
            MaximumAge = Number("maximum_age", 0, 130, "an age between 0 and 130"),
            Day = day,
            StartTime = Time("start_time"),
            EndTime = Time("end_time"),
            Near = near,
            ProximityMetres = proximity,
            Statuses = statuses,
            Stale = stale,
        };
        if (result is { MinimumAge: { } from, MaximumAge: { } to } && from > to)
        {
            errors["maximum_age"] = ["maximum_age must not be less than minimum_age."];
        }

        if (result is { StartTime: { } start, EndTime: { } end } && start >= end)
        {
            errors["end_time"] = ["end_time must be later than start_time."];
        }

        return result;
    }
}
