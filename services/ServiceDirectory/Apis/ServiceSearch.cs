using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Apis;

/// <summary>One service (or service at a location) found, with how far its nearest place is from the postcode searched (metres).</summary>
public sealed record SearchHit(Guid Id, double? Distance);

/// <summary>
/// Finds services for a <see cref="ServiceQuery"/>: full-text (ranked), need, age, day and time, and
/// distance. Nearest first after a postcode, best match first after words, else by name. One SQL
/// statement answers the page and the total (a window count), so a search is one round trip.
/// Searches are planned for their own values each time (see Extensions.AddApplicationServices).
/// </summary>
public static class ServiceSearch
{
    /// <summary>Metres in one degree of latitude (and of longitude at the equator).</summary>
    private const double MetresPerDegree = 111_195;

    public static Task<(IReadOnlyList<SearchHit> Hits, int Total)> FindAsync(
        DirectoryDbContext db, ServiceQuery query, Guid? termId, DateOnly today, CancellationToken cancellationToken) =>
        RunAsync(db, query, termId, today, atLocations: false, cancellationToken);

    /// <summary>
    /// As <see cref="FindAsync"/>, one entry per service at a location (a service running in two
    /// places is found twice, each with its own distance).
    /// </summary>
    public static Task<(IReadOnlyList<SearchHit> Hits, int Total)> FindAtLocationsAsync(
        DirectoryDbContext db, ServiceQuery query, Guid? termId, DateOnly today, CancellationToken cancellationToken) =>
        RunAsync(db, query, termId, today, atLocations: true, cancellationToken);

    private static async Task<(IReadOnlyList<SearchHit> Hits, int Total)> RunAsync(
        DirectoryDbContext db, ServiceQuery query, Guid? termId, DateOnly today, bool atLocations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<NpgsqlParameter>();
        string Add(object value, NpgsqlDbType? type = null)
        {
            var parameter = new NpgsqlParameter { Value = value };
            if (type is { } t)
            {
                parameter.NpgsqlDbType = t;
            }

            parameters.Add(parameter);
            return "$" + parameters.Count;
        }

        var sql = new StringBuilder();
        string distance = "NULL::double precision";
        var (grouped, places) = (false, "");
        if (query.Near is { } centre)
        {
            // Equirectangular distance: within a fraction of a percent of the great circle at UK distances.
            var (lat, lon, east) = (Add(centre.Latitude), Add(centre.Longitude), Add(MetresPerDegree * Math.Cos(centre.Latitude * Math.PI / 180)));
            var measure = $"sqrt(power((l.latitude - {lat}) * {MetresPerDegree}, 2) + power((l.longitude - {lon}) * {east}, 2))";
            // With a proximity, only places in a box around the circle are measured (index on latitude, longitude).
            var box = query.ProximityMetres is { } within
                ? $" AND l.latitude BETWEEN {Add(centre.Latitude - within / MetresPerDegree)} AND {Add(centre.Latitude + within / MetresPerDegree)}" +
                  $" AND l.longitude BETWEEN {Add(centre.Longitude - within / (MetresPerDegree * Math.Cos(centre.Latitude * Math.PI / 180)))}" +
                  $" AND {Add(centre.Longitude + within / (MetresPerDegree * Math.Cos(centre.Latitude * Math.PI / 180)))}"
                : "";
            if (atLocations)
            {
                sql.Append($"WITH near AS (SELECT sl.id AS place_id, sl.service_id, {measure} AS distance FROM locations l JOIN service_at_locations sl ON sl.location_id = l.id " +
                           $"WHERE l.latitude IS NOT NULL AND l.longitude IS NOT NULL{box}) ");
                distance = "n.distance";
            }
            else
            {
                // A service's distance is that of its nearest place: one flat join grouped by service, so
                // PostgreSQL may start from whichever filter keeps fewest rows (words, need or the box).
                // Without a proximity, services with no place (online, by phone) come after every place.
                grouped = true;
                var join = query.ProximityMetres is null ? "LEFT JOIN" : "JOIN";
                places = $"{join} service_at_locations sl ON sl.service_id = s.id {join} locations l ON l.id = sl.location_id{box} ";
                distance = $"min({measure})";
            }
        }

        sql.Append(atLocations
            ? query.Near is null
                ? $"SELECT sl.id, {distance}, count(*) OVER () FROM service_at_locations sl JOIN services s ON s.id = sl.service_id "
                : $"SELECT n.place_id, {distance}, count(*) OVER () FROM near n JOIN services s ON s.id = n.service_id "
            : $"SELECT s.id, {distance}, count(*) OVER () FROM services s {places}");

        sql.Append($"WHERE s.status = ANY({Add(query.Statuses.ToArray())})");
        string? words = null;
        if (query.Search is { } search)
        {
            words = Add(search);
            sql.Append($" AND s.search_vector @@ websearch_to_tsquery('english', {words})");
        }

        if (termId is { } term)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM attributes a WHERE a.service_id = s.id AND a.taxonomy_term_id = {Add(term)})");
        }

        if (query.TaxonomyId is { } taxonomy)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM attributes a JOIN taxonomy_terms t ON t.id = a.taxonomy_term_id WHERE a.service_id = s.id AND t.taxonomy_id = {Add(taxonomy)})");
        }

        // The ages asked about must fall within the service's eligibility.
        foreach (var age in new[] { query.MinimumAge, query.MaximumAge }.OfType<int>().Distinct())
        {
            var p = Add(age);
            sql.Append($" AND (s.minimum_age IS NULL OR s.minimum_age <= {p}) AND (s.maximum_age IS NULL OR s.maximum_age >= {p})");
        }

        if (query.Day is not null || query.StartTime is not null || query.EndTime is not null)
        {
            // Open on that day, and (when times are given) open for some of that time.
            sql.Append(" AND EXISTS (SELECT 1 FROM schedules x WHERE x.service_id = s.id");
            if (query.Day is { } day)
            {
                sql.Append($" AND strpos(x.by_day, {Add(day)}) > 0");
            }

            if (query.StartTime is { } start)
            {
                sql.Append($" AND x.closes_at > {Add(start)}");
            }

            if (query.EndTime is { } end)
            {
                sql.Append($" AND x.opens_at < {Add(end)}");
            }

            sql.Append(')');
        }

        if (query.Stale is { } stale)
        {
            var before = Add(Model.Service.StaleBefore(today));
            sql.Append(stale
                ? $" AND (s.assured_date IS NULL OR s.assured_date < {before})"
                : $" AND s.assured_date >= {before}");
        }

        if (grouped)
        {
            sql.Append(" GROUP BY s.id");
        }

        if (query.ProximityMetres is { } proximity)
        {
            sql.Append($"{(grouped ? " HAVING " : " AND ")}{distance} <= {Add((double)proximity)}");
        }

        sql.Append(query.Near is not null
            ? $" ORDER BY {distance} NULLS LAST, s.name, s.id"
            : words is not null
                ? $" ORDER BY ts_rank_cd(s.search_vector, websearch_to_tsquery('english', {words})) DESC, s.name, s.id"
                : " ORDER BY s.name, s.id");
        if (atLocations)
        {
            sql.Append(query.Near is null ? ", sl.id" : ", n.place_id");
        }

        sql.Append($" LIMIT {Add(query.PerPage)} OFFSET {Add((query.Page - 1) * query.PerPage)}");

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // EF Core's own open and close: it closes the connection only if this call opened it.
        await db.Database.OpenConnectionAsync(cancellationToken);

        var hits = new List<SearchHit>(query.PerPage);
        long total = 0;
        try
        {
            await using (var command = new NpgsqlCommand(sql.ToString(), connection))
            {
                command.Parameters.AddRange(parameters.ToArray());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    hits.Add(new SearchHit(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetDouble(1)));
                    total = reader.GetInt64(2);
                }
            }

            // A page past the end has no rows to carry the total: count again from the first page.
            if (hits.Count == 0 && query.Page > 1)
            {
                total = (await RunAsync(db, query with { Page = 1 }, termId, today, atLocations, cancellationToken)).Total;
            }

            return (hits, (int)total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
