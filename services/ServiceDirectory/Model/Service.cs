using NpgsqlTypes;

namespace SocialPrescribing.ServiceDirectory.Model;

/// <summary>
/// An ORUK service, with our capacity extension (places free, places in all, wait in days). What it
/// is for (its needs) are taxonomy terms linked through <see cref="Attributes"/>, as in ORUK 3.0.
/// </summary>
public sealed class Service
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Organization Organization { get; set; } = null!;

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string? Url { get; set; }

    public string? Email { get; set; }

    /// <summary>active, inactive, defunct or temporarily closed.</summary>
    public string Status { get; set; } = ServiceStatus.Active;

    /// <summary>A free-text summary of what it costs (ORUK keeps <c>fees</c> beside the cost options).</summary>
    public string? Fees { get; set; }

    public string? Accreditations { get; set; }

    /// <summary>Eligibility: the youngest and oldest a person may be (either may be open).</summary>
    public int? MinimumAge { get; set; }

    public int? MaximumAge { get; set; }

    /// <summary>When someone last checked the details are right; older than three months is stale.</summary>
    public DateOnly? AssuredDate { get; set; }

    /// <summary>Months after which unchecked details are stale: shown as such, and listed for admins to check.</summary>
    public const int AssuredForMonths = 3;

    /// <summary>The oldest assured date that is not stale on <paramref name="today"/>.</summary>
    public static DateOnly StaleBefore(DateOnly today) => today.AddMonths(-AssuredForMonths);

    /// <summary>Nobody has checked the details for more than three months (or ever).</summary>
    public bool IsStale(DateOnly today) => IsStale(AssuredDate, today);

    /// <summary>Details last checked on <paramref name="assured"/> (or never) are stale on <paramref name="today"/>.</summary>
    public static bool IsStale(DateOnly? assured, DateOnly today) => assured is not { } checkedOn || checkedOn < StaleBefore(today);

    public string? AssurerEmail { get; set; }

    /// <summary>A short notice shown first (a temporary change, a waiting list).</summary>
    public string? Alert { get; set; }

    public DateTimeOffset LastModified { get; set; }

    /// <summary>Places free now; null when the service has not said how many places it has (unknown, not full).</summary>
    public int? CapacityAvailable { get; set; }

    /// <summary>Places in all (the suite's capacity extension); null: unknown.</summary>
    public int? CapacityMaximum { get; set; }

    /// <summary>
    /// The service's ORUK record as it was last written (imported or edited), JSON: every field the directory does not model
    /// (application_process, funding, phones, schedule validity, a location's UPRN…) is kept here and given back with what
    /// it does model (<see cref="OrukSource"/>).
    /// </summary>
    public string? Source { get; set; }

    /// <summary>Taxonomy terms the record carried that are none of the directory's needs: kept, shown, and listed for an admin to map.</summary>
    public List<UnmappedTerm> UnmappedTerms { get; set; } = [];

    /// <summary>The wait worked out from recent acceptances (<see cref="EstimateWait"/>).</summary>
    public int WaitDays { get; set; }

    /// <summary>The wait the provider says a new person faces now, in days; null: use the estimate.</summary>
    public int? StatedWaitDays { get; set; }

    /// <summary>The wait to show: what the provider said, or else the estimate.</summary>
    public int WaitToShow => StatedWaitDays ?? WaitDays;

    /// <summary>The provider has paused new referrals: new requests join the waiting list.</summary>
    public bool ReferralsPaused { get; set; }

    /// <summary>No place is free (places known and none left).</summary>
    public bool IsFull => CapacityAvailable == 0;

    /// <summary>The most places, free places or days of wait a provider may give.</summary>
    public const int MaxCapacity = 10_000;

    /// <summary>Name (weighted first) and description, kept by PostgreSQL for full-text search.</summary>
    public NpgsqlTsVector SearchVector { get; set; } = null!;

    public List<ServiceAttribute> Attributes { get; set; } = [];

    /// <summary>Someone (<paramref name="by"/>, their email when known; else the last checker stays) checked the details are right at <paramref name="now"/>: no longer stale.</summary>
    public void MarkChecked(string? by, DateTimeOffset now)
    {
        AssuredDate = DateOnly.FromDateTime(now.UtcDateTime);
        AssurerEmail = by ?? AssurerEmail;
        LastModified = now;
    }

    /// <summary>
    /// A new number of places (null: the service no longer says) and, when given, how many are free; when not, the places
    /// already taken stay taken and the free count moves by as much as the total does.
    /// </summary>
    public void SetPlaces(int? maximum, int? available = null)
    {
        var taken = (CapacityMaximum ?? 0) - (CapacityAvailable ?? 0);
        CapacityAvailable = available ?? (maximum is { } all ? Math.Clamp(all - taken, 0, all) : null);
        CapacityMaximum = maximum;
    }

    /// <summary>A person was accepted: one place fewer is free (never below none; unknown stays unknown).</summary>
    public void TakePlace() => CapacityAvailable = CapacityAvailable is { } free ? Math.Max(0, free - 1) : null;

    /// <summary>A person finished: their place is free again (never above the maximum; unknown stays unknown).</summary>
    public void FreePlace() => CapacityAvailable = CapacityAvailable is { } free && CapacityMaximum is { } maximum ? Math.Min(maximum, free + 1) : CapacityAvailable;

    /// <summary>
    /// The wait a newly referred person can expect: the median days from request to acceptance of
    /// the service's most recent acceptances (none yet: no wait known, 0).
    /// </summary>
    public void EstimateWait(IEnumerable<TimeSpan> recentWaits)
    {
        ArgumentNullException.ThrowIfNull(recentWaits);
        var days = recentWaits.Select(w => w.TotalDays).Order().ToList();
        WaitDays = days.Count == 0 ? 0 : (int)Math.Ceiling(days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2);
    }

    public List<ServiceAtLocation> ServiceAtLocations { get; set; } = [];

    public List<Schedule> Schedules { get; set; } = [];

    public List<ServiceArea> ServiceAreas { get; set; } = [];

    public List<Language> Languages { get; set; } = [];

    public List<CostOption> CostOptions { get; set; } = [];

    public List<Contact> Contacts { get; set; } = [];
}

public static class ServiceStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Defunct = "defunct";
    public const string TemporarilyClosed = "temporarily closed";

    public static readonly IReadOnlyList<string> All = [Active, Inactive, Defunct, TemporarilyClosed];
}

/// <summary>A term from another directory's vocabulary that is none of the directory's needs (yet): what the feed said.</summary>
public sealed record UnmappedTerm(string? Vocabulary, string? Code, string? Name, string? TermId)
{
    /// <summary>"Name (vocabulary)", for the admin screens.</summary>
    public override string ToString() => $"{Name ?? Code ?? TermId}{(Vocabulary is null ? "" : $" ({Vocabulary})")}";
}

/// <summary>ORUK 3.0 links a service to a taxonomy term (here: a need it meets) with an attribute.</summary>
public sealed class ServiceAttribute
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public Guid TaxonomyTermId { get; set; }

    public TaxonomyTerm TaxonomyTerm { get; set; } = null!;
}

/// <summary>When a service runs: an RFC 5545 weekly rule (days) with opening and closing times.</summary>
public sealed class Schedule
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    /// <summary>WEEKLY or MONTHLY.</summary>
    public string Freq { get; set; } = "WEEKLY";

    public int Interval { get; set; } = 1;

    /// <summary>Comma-separated RFC 5545 day codes: <c>MO,WE</c>.</summary>
    public string ByDay { get; set; } = "";

    public TimeOnly? OpensAt { get; set; }

    public TimeOnly? ClosesAt { get; set; }

    public string? Description { get; set; }

    public string? AttendingType { get; set; }
}

public sealed class ServiceArea
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public string Name { get; set; } = "";

    public string? Extent { get; set; }

    public string? ExtentType { get; set; }
}

public sealed class Language
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>ISO 639 code (<c>en</c>, <c>ur</c>, <c>bsl</c> for British Sign Language as sgn-GB).</summary>
    public string Code { get; set; } = "";

    public string? Note { get; set; }
}

public sealed class CostOption
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public string? Option { get; set; }

    public decimal? Amount { get; set; }

    public string? AmountDescription { get; set; }
}

/// <summary>How to get in touch: a team or role, never a private person's details (the feed is open).</summary>
public sealed class Contact
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public string Name { get; set; } = "";

    public string? Title { get; set; }

    public string? Email { get; set; }

    public List<Phone> Phones { get; set; } = [];
}

public sealed class Phone
{
    public Guid Id { get; set; }

    public Guid ContactId { get; set; }

    public string Number { get; set; } = "";

    /// <summary>voice, text, textphone, fax.</summary>
    public string? Type { get; set; }

    public string? Description { get; set; }
}
