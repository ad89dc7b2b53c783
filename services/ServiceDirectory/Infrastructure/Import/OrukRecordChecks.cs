using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Import;

/// <summary>
/// What the directory needs of a service record beyond the ORUK schema (the database's limits among
/// them), part by part; each fault as "/pointer: what is wrong", in the order of the record.
/// </summary>
internal static class OrukRecordChecks
{
    private static readonly HashSet<string> Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static IEnumerable<string> Check(ServiceInput s) =>
        Naming(s).Concat(Organization(s)).Concat(Limits(s)).Concat(Schedules(s)).Concat(Places(s));

    /// <summary>
    /// What is kept as sent but not used, so the admin knows: a place with no location (not found by place), a position
    /// off the Earth (not used for distance), a language with neither name nor code.
    /// </summary>
    public static IEnumerable<string> Warnings(ServiceInput s)
    {
        foreach (var (place, i) in (s.ServiceAtLocations ?? []).Select((x, i) => (x, i)))
        {
            if (place.Location is null && place.LocationId is null)
            {
                yield return $"/service_at_locations/{i}: names no location, so it is kept as sent but the service is not found by place there.";
            }
            else if (place.Location is { } location && (location.Latitude ?? location.Longitude) is not null && !UsablePosition(location))
            {
                yield return $"/service_at_locations/{i}/location: latitude {location.Latitude} and longitude {location.Longitude} are not a place on Earth, " +
                             "so they are kept as sent but not used to measure distance.";
            }
        }

        foreach (var (language, i) in (s.Languages ?? []).Select((x, i) => (x, i)))
        {
            if (string.IsNullOrWhiteSpace(language.Name) && string.IsNullOrWhiteSpace(language.Code))
            {
                yield return $"/languages/{i}: has neither name nor code, so it is kept as sent but not shown.";
            }
        }
    }

    /// <summary>Both coordinates, within the Earth's ranges.</summary>
    public static bool UsablePosition(LocationInput location) =>
        location.Latitude is >= -90 and <= 90 && location.Longitude is >= -180 and <= 180;

    /// <summary>The service's name and description.</summary>
    private static IEnumerable<string> Naming(ServiceInput s)
    {
        if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Length > 200)
        {
            yield return "/name: a name of 1 to 200 characters is needed.";
        }

        if (s.Description?.Length > 4000)
        {
            yield return "/description: at most 4000 characters.";
        }
    }

    /// <summary>Who runs the service: a new organisation in the record, or one already in the directory.</summary>
    private static IEnumerable<string> Organization(ServiceInput s)
    {
        if (s.Organization is { } organization)
        {
            if (s.OrganizationId is { } named && named != organization.Id)
            {
                yield return "/organization_id: differs from /organization/id.";
            }

            if (string.IsNullOrWhiteSpace(organization.Name) || organization.Name.Length > 200)
            {
                yield return "/organization/name: a name of 1 to 200 characters is needed.";
            }

            if (organization.Description?.Length > 4000)
            {
                yield return "/organization/description: at most 4000 characters.";
            }
        }
        else if (s.OrganizationId is null)
        {
            yield return "/organization: say who runs the service (organization, or organization_id of one already in the directory).";
        }
    }

    /// <summary>Ages, the date it was checked, and its places.</summary>
    private static IEnumerable<string> Limits(ServiceInput s)
    {
        foreach (var (age, field) in new[] { (s.MinimumAge, "minimum_age"), (s.MaximumAge, "maximum_age") })
        {
            if (age is { } a && (a < 0 || a > 130 || a != Math.Floor(a)))
            {
                yield return $"/{field}: a whole number of years from 0 to 130.";
            }
        }

        if (s.MinimumAge > s.MaximumAge)
        {
            yield return "/minimum_age: is more than maximum_age.";
        }

        if (s.AssuredDate is { } assured && !DateOnly.TryParseExact(assured, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return "/assured_date: a date as YYYY-MM-DD.";
        }

        if (s.Capacity?.Maximum is < 0 or > 100_000)
        {
            yield return "/capacity/maximum: from 0 to 100000 places.";
        }
    }

    /// <summary>When it runs: days, interval, opening and closing times.</summary>
    private static IEnumerable<string> Schedules(ServiceInput s)
    {
        foreach (var (schedule, i) in (s.Schedules ?? []).Select((x, i) => (x, i)))
        {
            var days = (schedule.Byday ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (days.Any(d => !Days.Contains(d.ToUpperInvariant())) || (schedule.Byday?.Length ?? 0) > 64)
            {
                yield return $"/schedules/{i}/byday: days as MO,TU,WE,TH,FR,SA,SU.";
            }

            if (schedule.Interval is { } interval && (interval < 1 || interval > 12 || interval != Math.Floor(interval)))
            {
                yield return $"/schedules/{i}/interval: a whole number from 1 to 12.";
            }

            var opens = OrukImport.ReadTime(schedule.OpensAt, out var opensOk);
            var closes = OrukImport.ReadTime(schedule.ClosesAt, out var closesOk);
            if (!opensOk)
            {
                yield return $"/schedules/{i}/opens_at: a time as HH:MM.";
            }

            if (!closesOk)
            {
                yield return $"/schedules/{i}/closes_at: a time as HH:MM.";
            }

            if (opens >= closes)
            {
                yield return $"/schedules/{i}: closes before it opens.";
            }
        }
    }

    /// <summary>Where it runs: a location given twice agrees with itself.</summary>
    private static IEnumerable<string> Places(ServiceInput s)
    {
        foreach (var (place, i) in (s.ServiceAtLocations ?? []).Select((x, i) => (x, i)))
        {
            if (place.Location is { } location)
            {
                if (place.LocationId is { } named && named != location.Id)
                {
                    yield return $"/service_at_locations/{i}/location_id: differs from its location's id.";
                }
            }
        }
    }
}
