using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.ReportOutcomes;

/// <summary>
/// Builds the outcome report in PostgreSQL from the outcome pairs (each case's baseline and latest later
/// score, kept up to date as scores are recorded): one pass sums, in whole hundredths, the people, the
/// values, the change and its square per group, measure and whole-point change; the totals, means,
/// standard deviation, 95% interval and histogram are combined from those exact sums here (sums add up,
/// so a case with two needs adds to both). Groups under five people are then suppressed.
/// </summary>
public static class OutcomeReports
{
    private static string GroupKey(string groupBy) => groupBy switch
    {
        ReportGroups.Source => "coalesce(source, 'unknown')",
        ReportGroups.Month => "to_char(latest_on, 'YYYY-MM')",
        ReportGroups.LinkWorker => "coalesce(link_worker, 'unassigned')",
        // Grouped by the whole list of needs; each list's sums are added to every need in it below.
        ReportGroups.Need => "array_to_string(needs, ',')",
        _ => "'all'",
    };

    private const string Sums = """
        SELECT {group}, instrument_id, measure, (latest - baseline + 10000000) / 100 - 100000,
               count(*)::int, sum(baseline), sum(latest), sum(latest - baseline),
               sum((latest - baseline)::float8 * (latest - baseline)), count(*) FILTER (WHERE improved)::int
        FROM outcome_pairs
        WHERE latest_on BETWEEN $1 AND $2
        GROUP BY 1, 2, 3, 4
        """;

    /// <summary>Exact sums of one group's measure (values in hundredths).</summary>
    private sealed class Totals
    {
        public int People;
        public long Baseline;
        public long Latest;
        public long Change;
        /// <summary>Exact: squares of whole hundredths, summed in a double far below 2^53.</summary>
        public double ChangeSquared;
        public int Improved;
        public Dictionary<int, int> PeopleByChange { get; } = [];

        public void Add(int bucket, int people, long baseline, long latest, long change, double squared, int improved)
        {
            People += people;
            Baseline += baseline;
            Latest += latest;
            Change += change;
            ChangeSquared += squared;
            Improved += improved;
            PeopleByChange[bucket] = PeopleByChange.GetValueOrDefault(bucket) + people;
        }
    }

    public static async Task<OutcomeReport> BuildAsync(
        WellbeingDbContext db, DateOnly from, DateOnly to, string groupBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var instruments = (await db.Instruments.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(i => i.Id, i => i.Definition);
        var totals = new Dictionary<(string Group, string Instrument, int Measure), Totals>();
        var connectionString = db.Database.GetConnectionString()!;
        var sums = QueryAsync(connectionString, Sums.Replace("{group}", GroupKey(groupBy), StringComparison.Ordinal), from, to, reader =>
        {
            var key = reader.GetString(0);
            string[] groups = groupBy == ReportGroups.Need
                ? key.Length == 0 ? ["none"] : key.Split(',').Distinct().ToArray()
                : [key];
            foreach (var group in groups)
            {
                var id = (group, reader.GetString(1), (int)reader.GetInt16(2));
                if (!totals.TryGetValue(id, out var measure))
                {
                    totals[id] = measure = new Totals();
                }

                measure.Add(reader.GetInt32(3), reader.GetInt32(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetDouble(8), reader.GetInt32(9));
            }
        }, cancellationToken);
        // The two passes run side by side, one core each.
        var activity = ActivityAsync(connectionString, from, to, cancellationToken);
        await Task.WhenAll(sums, activity);

        var rows = totals
            .OrderBy(t => t.Key.Group, StringComparer.Ordinal).ThenBy(t => t.Key.Instrument, StringComparer.Ordinal).ThenBy(t => t.Key.Measure)
            .Select(t => Row(t.Key, t.Value, instruments.GetValueOrDefault(t.Key.Instrument)))
            .ToList();
        return new OutcomeReport(from, to, groupBy, ReportGroups.SuppressBelow, rows, await activity);
    }

    private static OutcomeRow Row((string Group, string Instrument, int Measure) key, Totals t, InstrumentDefinition? instrument)
    {
        var measure = key.Measure == 0 ? "score" : instrument?.Items.ElementAtOrDefault(key.Measure - 1)?.Key ?? $"item-{key.Measure}";
        if (ReportStatistics.Suppress(t.People))
        {
            return new OutcomeRow(key.Group, key.Instrument, measure, true, null, null, null, null, null, null, null, null, null);
        }

        var n = t.People;
        var meanChange = t.Change / 100m / n;
        decimal? sd = n < 2 ? null
            : (decimal)Math.Sqrt(Math.Max(0, (t.ChangeSquared - (double)t.Change * t.Change / n) / (n - 1))) / 100m;
        var interval = ReportStatistics.MeanInterval95(meanChange, sd, n);
        var claims = key.Measure == 0 && instrument?.Scoring.MeaningfulChange is not null;
        return new OutcomeRow(
            key.Group, key.Instrument, measure, false, n,
            Math.Round(t.Baseline / 100m / n, 2), Math.Round(t.Latest / 100m / n, 2), Math.Round(meanChange, 2),
            interval?.Lower, interval?.Upper,
            claims ? t.Improved : null,
            claims ? Math.Round((decimal)t.Improved / n, 3) : null,
            ReportStatistics.Bins(t.PeopleByChange));
    }


    /// <summary>
    /// Runs one read-only statement on its own connection and hands each row to <paramref name="read"/>:
    /// no JIT (compiling costs more than it saves here), room to hash in memory, and one core each.
    /// </summary>
    private static async Task QueryAsync(string connectionString, string sql, DateOnly from, DateOnly to, Action<NpgsqlDataReader> read, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var settings = new NpgsqlCommand("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; SET LOCAL max_parallel_workers_per_gather = 0", connection, transaction))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read(reader);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Cases opened in the period (by channel, source and the step they are at now; days to first
    /// contact) and cases closed in it (by exit), counted in one pass and added up here.
    /// </summary>
    private const string Activity = """
        SELECT coalesce(channel, 'unknown'), coalesce(source, 'unknown'), step,
               CASE WHEN closed_at >= $1 AND closed_at < $2 + 1 THEN outcome END,
               floor(extract(epoch FROM first_contact_at - opened_at) / 8640)::int,
               opened_at >= $1 AND opened_at < $2 + 1,
               count(*)::int
        FROM cases
        WHERE (opened_at >= $1 AND opened_at < $2 + 1) OR (closed_at >= $1 AND closed_at < $2 + 1)
        GROUP BY 1, 2, 3, 4, 5, 6
        """;

    private static async Task<ActivitySummary> ActivityAsync(string connectionString, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (channels, sources, steps, exits) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>());
        var contactTenths = new SortedDictionary<int, int>();
        await QueryAsync(connectionString, Activity, from, to, reader =>
        {
            var count = reader.GetInt32(6);
            if (!reader.IsDBNull(3))
            {
                exits[reader.GetString(3)] = exits.GetValueOrDefault(reader.GetString(3)) + count;
            }

            if (!reader.GetBoolean(5))
            {
                return;
            }

            channels[reader.GetString(0)] = channels.GetValueOrDefault(reader.GetString(0)) + count;
            sources[reader.GetString(1)] = sources.GetValueOrDefault(reader.GetString(1)) + count;
            steps[reader.GetString(2)] = steps.GetValueOrDefault(reader.GetString(2)) + count;
            if (!reader.IsDBNull(4))
            {
                contactTenths[reader.GetInt32(4)] = contactTenths.GetValueOrDefault(reader.GetInt32(4)) + count;
            }
        }, cancellationToken);

        static IReadOnlyList<CountRow> Counts(Dictionary<string, int> counts) =>
            [.. counts.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => ReportStatistics.Suppress(r.Value) ? new CountRow(r.Key, null, true) : new CountRow(r.Key, r.Value, false))];

        var contacted = contactTenths.Values.Sum();
        return new ActivitySummary(
            Counts(channels),
            Counts(sources),
            ReportStatistics.Suppress(contacted)
                ? new FirstContact(null, null, null, true)
                : new FirstContact(contacted, ReportStatistics.Quantile(contactTenths, 0.5) / 10m, ReportStatistics.Quantile(contactTenths, 0.9) / 10m, false),
            Counts(steps),
            Counts(exits));
    }
}
