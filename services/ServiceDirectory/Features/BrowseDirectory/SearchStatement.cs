using System.Text;
using Npgsql;

namespace SocialPrescribing.ServiceDirectory.Features.BrowseDirectory;

/// <summary>
/// The one SQL statement of a search, written clause by clause: where the services come from (and
/// how far each is), the filters, the order and the page. Values travel as parameters ($1, $2, …).
/// </summary>
internal sealed class SearchStatement
{
    /// <summary>Metres in one degree of latitude (and of longitude at the equator).</summary>
    private const double MetresPerDegree = 111_195;

    private readonly StringBuilder _sql = new();
    private readonly List<NpgsqlParameter> _parameters = [];
    private readonly ServiceQuery _query;
    private readonly bool _atLocations;
    private string _distance = "NULL::double precision";
    private bool _grouped;
    private string _places = "";
    private string? _words;

    private SearchStatement(ServiceQuery query, bool atLocations)
    {
        _query = query;
        _atLocations = atLocations;
    }

    public string Sql => _sql.ToString();

    public IReadOnlyList<NpgsqlParameter> Parameters => _parameters;

    public static SearchStatement For(ServiceQuery query, Guid? termId, DateOnly today, bool atLocations)
    {
        var statement = new SearchStatement(query, atLocations);
        statement.Measure();
        statement.Select();
        statement.Filter(termId, today);
        statement.OrderAndPage();
        return statement;
    }

    private string Add(object value)
    {
        _parameters.Add(new NpgsqlParameter { Value = value });
        return "$" + _parameters.Count;
    }

    /// <summary>How far each service (or each place) is from the postcode searched, when there is one.</summary>
    private void Measure()
    {
        if (_query.Near is not { } centre)
        {
            return;
        }

        // Equirectangular distance: within a fraction of a percent of the great circle at UK distances.
        var (lat, lon, east) = (Add(centre.Latitude), Add(centre.Longitude), Add(MetresPerDegree * Math.Cos(centre.Latitude * Math.PI / 180)));
        var measure = $"sqrt(power((l.latitude - {lat}) * {MetresPerDegree}, 2) + power((l.longitude - {lon}) * {east}, 2))";
        // With a proximity, only places in a box around the circle are measured (index on latitude, longitude).
        var box = _query.ProximityMetres is { } within
            ? $" AND l.latitude BETWEEN {Add(centre.Latitude - within / MetresPerDegree)} AND {Add(centre.Latitude + within / MetresPerDegree)}" +
              $" AND l.longitude BETWEEN {Add(centre.Longitude - within / (MetresPerDegree * Math.Cos(centre.Latitude * Math.PI / 180)))}" +
              $" AND {Add(centre.Longitude + within / (MetresPerDegree * Math.Cos(centre.Latitude * Math.PI / 180)))}"
            : "";
        if (_atLocations)
        {
            _sql.Append($"WITH near AS (SELECT sl.id AS place_id, sl.service_id, {measure} AS distance FROM locations l JOIN service_at_locations sl ON sl.location_id = l.id " +
                        $"WHERE l.latitude IS NOT NULL AND l.longitude IS NOT NULL{box}) ");
            _distance = "n.distance";
        }
        else
        {
            // A service's distance is that of its nearest place: one flat join grouped by service, so
            // PostgreSQL may start from whichever filter keeps fewest rows (words, need or the box).
            // Without a proximity, services with no place (online, by phone) come after every place.
            _grouped = true;
            var join = _query.ProximityMetres is null ? "LEFT JOIN" : "JOIN";
            _places = $"{join} service_at_locations sl ON sl.service_id = s.id {join} locations l ON l.id = sl.location_id{box} ";
            _distance = $"min({measure})";
        }
    }

    private void Select() =>
        _sql.Append(_atLocations
            ? _query.Near is null
                ? $"SELECT sl.id, {_distance}, count(*) OVER () FROM service_at_locations sl JOIN services s ON s.id = sl.service_id "
                : $"SELECT n.place_id, {_distance}, count(*) OVER () FROM near n JOIN services s ON s.id = n.service_id "
            : $"SELECT s.id, {_distance}, count(*) OVER () FROM services s {_places}");

    private void Filter(Guid? termId, DateOnly today)
    {
        _sql.Append($"WHERE s.status = ANY({Add(_query.Statuses.ToArray())})");
        if (_query.Search is { } search)
        {
            _words = Add(search);
            _sql.Append($" AND s.search_vector @@ websearch_to_tsquery('english', {_words})");
        }

        if (termId is { } term)
        {
            _sql.Append($" AND EXISTS (SELECT 1 FROM attributes a WHERE a.service_id = s.id AND a.taxonomy_term_id = {Add(term)})");
        }

        if (_query.TaxonomyId is { } taxonomy)
        {
            _sql.Append($" AND EXISTS (SELECT 1 FROM attributes a JOIN taxonomy_terms t ON t.id = a.taxonomy_term_id WHERE a.service_id = s.id AND t.taxonomy_id = {Add(taxonomy)})");
        }

        // The ages asked about must fall within the service's eligibility.
        foreach (var age in new[] { _query.MinimumAge, _query.MaximumAge }.OfType<int>().Distinct())
        {
            var p = Add(age);
            _sql.Append($" AND (s.minimum_age IS NULL OR s.minimum_age <= {p}) AND (s.maximum_age IS NULL OR s.maximum_age >= {p})");
        }

        FilterOpeningTimes();
        if (_query.Stale is { } stale)
        {
            var before = Add(Model.Service.StaleBefore(today));
            _sql.Append(stale
                ? $" AND (s.assured_date IS NULL OR s.assured_date < {before})"
                : $" AND s.assured_date >= {before}");
        }
    }

    /// <summary>Open on the day asked about, and (when times are given) open for some of that time.</summary>
    private void FilterOpeningTimes()
    {
        if (_query.Day is null && _query.StartTime is null && _query.EndTime is null)
        {
            return;
        }

        _sql.Append(" AND EXISTS (SELECT 1 FROM schedules x WHERE x.service_id = s.id");
        if (_query.Day is { } day)
        {
            _sql.Append($" AND strpos(x.by_day, {Add(day)}) > 0");
        }

        if (_query.StartTime is { } start)
        {
            _sql.Append($" AND x.closes_at > {Add(start)}");
        }

        if (_query.EndTime is { } end)
        {
            _sql.Append($" AND x.opens_at < {Add(end)}");
        }

        _sql.Append(')');
    }

    /// <summary>Nearest first after a postcode, best match first after words, else by name; then the page.</summary>
    private void OrderAndPage()
    {
        if (_grouped)
        {
            _sql.Append(" GROUP BY s.id");
        }

        if (_query.ProximityMetres is { } proximity)
        {
            _sql.Append($"{(_grouped ? " HAVING " : " AND ")}{_distance} <= {Add((double)proximity)}");
        }

        _sql.Append(_query.Near is not null
            ? $" ORDER BY {_distance} NULLS LAST, s.name, s.id"
            : _words is not null
                ? $" ORDER BY ts_rank_cd(s.search_vector, websearch_to_tsquery('english', {_words})) DESC, s.name, s.id"
                : " ORDER BY s.name, s.id");
        if (_atLocations)
        {
            _sql.Append(_query.Near is null ? ", sl.id" : ", n.place_id");
        }

        _sql.Append($" LIMIT {Add(_query.PerPage)} OFFSET {Add((_query.Page - 1) * _query.PerPage)}");
    }
}
