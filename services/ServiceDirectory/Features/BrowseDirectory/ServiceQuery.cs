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
        var read = new ServiceQueryReader(query, errors);
        // Read in this order, so the mistakes are named in it.
        var search = read.Search();
        var (termId, needCode) = read.Term();
        var taxonomyId = read.TaxonomyId();
        var day = read.Day(DayCodes);
        var near = read.Near();
        var proximity = read.Proximity(MaxProximityMetres);
        var statuses = read.Statuses();
        var stale = read.Stale();
        var result = new ServiceQuery
        {
            Page = read.Number("page", 1, 1_000_000, "a page number of 1 or more") ?? 1,
            PerPage = read.Number("per_page", 1, MaxPerPage, $"between 1 and {MaxPerPage}") ?? DefaultPerPage,
            Search = search,
            TaxonomyTermId = termId,
            NeedCode = needCode,
            TaxonomyId = taxonomyId,
            MinimumAge = read.Number("minimum_age", 0, 130, "an age between 0 and 130"),
            MaximumAge = read.Number("maximum_age", 0, 130, "an age between 0 and 130"),
            Day = day,
            StartTime = read.Time("start_time"),
            EndTime = read.Time("end_time"),
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
