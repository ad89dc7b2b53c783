using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Apis;

/// <summary>One service (or service at a location) found, with how far its nearest place is from the postcode searched (metres).</summary>
public sealed record SearchHit(Guid Id, double? Distance);

/// <summary>
/// Finds services for a <see cref="ServiceQuery"/>: full-text (ranked), need, age, day and time, and
/// distance. Nearest first after a postcode, best match first after words, else by name; a page of
/// service ids and the total, in one query each.
/// </summary>
public static class ServiceSearch
{
    /// <summary>Metres in one degree of latitude (and of longitude at the equator).</summary>
    private const double MetresPerDegree = 111_195;

    public static async Task<(IReadOnlyList<SearchHit> Hits, int Total)> FindAsync(
        DirectoryDbContext db, ServiceQuery query, Guid? termId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var services = Filter(db.Services.AsNoTracking(), query, termId);
        var skip = (query.Page - 1) * query.PerPage;

        if (query.Near is { } centre)
        {
            // Equirectangular distance: within a fraction of a percent of the great circle at UK distances.
            var latitude = centre.Latitude;
            var longitude = centre.Longitude;
            var metresPerDegreeEast = MetresPerDegree * Math.Cos(latitude * Math.PI / 180);
            if (query.ProximityMetres is { } proximity)
            {
                // A box around the circle first, so only nearby places are measured.
                var dLat = proximity / MetresPerDegree;
                var dLon = proximity / metresPerDegreeEast;
                services = services.Where(s => s.ServiceAtLocations.Any(l =>
                    l.Location.Latitude >= latitude - dLat && l.Location.Latitude <= latitude + dLat
                    && l.Location.Longitude >= longitude - dLon && l.Location.Longitude <= longitude + dLon));
            }

            var measured = services.Select(s => new
            {
                s.Id,
                s.Name,
                Distance = s.ServiceAtLocations
                    .Where(l => l.Location.Latitude != null && l.Location.Longitude != null)
                    .Min(l => (double?)Math.Sqrt(
                        Math.Pow((l.Location.Latitude!.Value - latitude) * MetresPerDegree, 2)
                        + Math.Pow((l.Location.Longitude!.Value - longitude) * metresPerDegreeEast, 2))),
            });
            if (query.ProximityMetres is { } within)
            {
                measured = measured.Where(s => s.Distance <= within);
            }

            var total = await measured.CountAsync(cancellationToken);
            var hits = await measured
                // Services with no place (online, by phone) come after every place, by name.
                .OrderBy(s => s.Distance == null).ThenBy(s => s.Distance).ThenBy(s => s.Name).ThenBy(s => s.Id)
                .Skip(skip).Take(query.PerPage)
                .Select(s => new SearchHit(s.Id, s.Distance))
                .ToListAsync(cancellationToken);
            return (hits, total);
        }

        if (query.Search is { } words)
        {
            var total = await services.CountAsync(cancellationToken);
            var hits = await services
                .OrderByDescending(s => s.SearchVector.RankCoverDensity(EF.Functions.WebSearchToTsQuery("english", words)))
                .ThenBy(s => s.Name).ThenBy(s => s.Id)
                .Skip(skip).Take(query.PerPage)
                .Select(s => new SearchHit(s.Id, null))
                .ToListAsync(cancellationToken);
            return (hits, total);
        }

        {
            var total = await services.CountAsync(cancellationToken);
            var hits = await services
                .OrderBy(s => s.Name).ThenBy(s => s.Id)
                .Skip(skip).Take(query.PerPage)
                .Select(s => new SearchHit(s.Id, null))
                .ToListAsync(cancellationToken);
            return (hits, total);
        }
    }

    /// <summary>
    /// As <see cref="FindAsync"/>, one entry per service at a location (a service running in two
    /// places is found twice, each with its own distance).
    /// </summary>
    public static async Task<(IReadOnlyList<SearchHit> Hits, int Total)> FindAtLocationsAsync(
        DirectoryDbContext db, ServiceQuery query, Guid? termId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var services = Filter(db.Services.AsNoTracking(), query, termId);
        var places = db.ServiceAtLocations.AsNoTracking().Where(l => services.Any(s => s.Id == l.ServiceId));
        var skip = (query.Page - 1) * query.PerPage;
        if (query.Near is not { } centre)
        {
            var total = await places.CountAsync(cancellationToken);
            var hits = await places
                .OrderBy(l => l.Service.Name).ThenBy(l => l.Id)
                .Skip(skip).Take(query.PerPage)
                .Select(l => new SearchHit(l.Id, null))
                .ToListAsync(cancellationToken);
            return (hits, total);
        }

        var latitude = centre.Latitude;
        var longitude = centre.Longitude;
        var metresPerDegreeEast = MetresPerDegree * Math.Cos(latitude * Math.PI / 180);
        var measured = places
            .Where(l => l.Location.Latitude != null && l.Location.Longitude != null)
            .Select(l => new
            {
                l.Id,
                l.Service.Name,
                Distance = Math.Sqrt(
                    Math.Pow((l.Location.Latitude!.Value - latitude) * MetresPerDegree, 2)
                    + Math.Pow((l.Location.Longitude!.Value - longitude) * metresPerDegreeEast, 2)),
            });
        if (query.ProximityMetres is { } within)
        {
            measured = measured.Where(l => l.Distance <= within);
        }

        var count = await measured.CountAsync(cancellationToken);
        var nearest = await measured
            .OrderBy(l => l.Distance).ThenBy(l => l.Name).ThenBy(l => l.Id)
            .Skip(skip).Take(query.PerPage)
            .Select(l => new SearchHit(l.Id, l.Distance))
            .ToListAsync(cancellationToken);
        return (nearest, count);
    }

    private static IQueryable<Service> Filter(IQueryable<Service> services, ServiceQuery query, Guid? termId)
    {
        var statuses = query.Statuses.ToArray();
        services = services.Where(s => statuses.Contains(s.Status));
        if (query.Search is { } words)
        {
            services = services.Where(s => s.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", words)));
        }

        if (termId is { } term)
        {
            services = services.Where(s => s.Attributes.Any(a => a.TaxonomyTermId == term));
        }

        if (query.TaxonomyId is { } taxonomy)
        {
            services = services.Where(s => s.Attributes.Any(a => a.TaxonomyTerm.TaxonomyId == taxonomy));
        }

        // The ages asked about must fall within the service's eligibility.
        if (query.MinimumAge is { } youngest)
        {
            services = services.Where(s => (s.MinimumAge == null || s.MinimumAge <= youngest) && (s.MaximumAge == null || s.MaximumAge >= youngest));
        }

        if (query.MaximumAge is { } oldest)
        {
            services = services.Where(s => (s.MinimumAge == null || s.MinimumAge <= oldest) && (s.MaximumAge == null || s.MaximumAge >= oldest));
        }

        if (query.Day is not null || query.StartTime is not null || query.EndTime is not null)
        {
            var day = query.Day;
            var start = query.StartTime;
            var end = query.EndTime;
            // Open on that day, and (when times are given) open for some of that time.
            services = services.Where(s => s.Schedules.Any(x =>
                (day == null || x.ByDay.Contains(day))
                && (start == null || x.ClosesAt > start)
                && (end == null || x.OpensAt < end)));
        }

        return services;
    }
}
