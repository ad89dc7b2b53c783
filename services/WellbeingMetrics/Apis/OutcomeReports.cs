using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Apis;

/// <summary>
/// Builds the outcome report in PostgreSQL: one pass pairs each case's baseline with its latest later
/// score in the period (per instrument, and per item for item-by-item instruments) and aggregates by the
/// chosen group, with the change histogram in the same pass (grouping sets). Groups under five people
/// are then suppressed.
/// </summary>
public static class OutcomeReports
{
    private static string GroupKey(string groupBy) => groupBy switch
    {
        ReportGroups.Source => "coalesce(c.source, 'unknown')",
        ReportGroups.Month => "to_char(p.completed_on, 'YYYY-MM')",
        ReportGroups.LinkWorker => "coalesce(c.assigned_to, 'unassigned')",
        ReportGroups.Need => "n.need",
        _ => "'all'",
    };

    private const string Outcomes = """
        WITH latest AS (
            SELECT DISTINCT ON (a.case_id, a.instrument_id) a.case_id, a.instrument_id, a.value, a.responses, a.completed_on
            FROM assessments a
            WHERE a.sequence > 0 AND a.completed_on BETWEEN $1 AND $2
            ORDER BY a.case_id, a.instrument_id, a.completed_on DESC, a.sequence DESC
        ),
        pairs AS (
            SELECT l.case_id, l.instrument_id, l.completed_on, b.value AS before, l.value AS after, b.responses AS before_items, l.responses AS after_items
            FROM latest l JOIN assessments b ON b.case_id = l.case_id AND b.instrument_id = l.instrument_id AND b.sequence = 0
            WHERE b.completed_on <= l.completed_on
        ),
        measured AS (
            SELECT {group} AS grp, p.instrument_id, m.measure, m.before, m.after, m.after - m.before AS change,
                   t.threshold, t.higher_is_better
            FROM pairs p
            JOIN cases c ON c.id = p.case_id
            {needs}
            CROSS JOIN LATERAL (
                SELECT 0 AS measure, p.before AS before, p.after AS after WHERE p.after IS NOT NULL AND p.before IS NOT NULL
                UNION ALL
                SELECT u.n::int, u.b, u.a
                FROM unnest(p.before_items, p.after_items) WITH ORDINALITY AS u(b, a, n)
                WHERE p.after IS NULL
            ) m
            LEFT JOIN unnest($3::text[], $4::numeric[], $5::boolean[]) AS t(instrument_id, threshold, higher_is_better) ON t.instrument_id = p.instrument_id
        )
        SELECT grp, instrument_id, measure, floor(change)::int AS bucket, count(*)::int,
               avg(before), avg(after), avg(change), stddev_samp(change),
               count(*) FILTER (WHERE threshold IS NOT NULL AND
                   CASE WHEN higher_is_better THEN change >= threshold ELSE -change >= threshold END)::int
        FROM measured
        GROUP BY GROUPING SETS ((grp, instrument_id, measure), (grp, instrument_id, measure, floor(change)::int))
        """;

    public static async Task<OutcomeReport> BuildAsync(
        WellbeingDbContext db, DateOnly from, DateOnly to, string groupBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var instruments = (await db.Instruments.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(i => i.Id, i => i.Definition);
        var withThreshold = instruments.Values.Where(d => d.Scoring.MeaningfulChange is not null).ToList();

        var sql = Outcomes
            .Replace("{group}", GroupKey(groupBy), StringComparison.Ordinal)
            .Replace("{needs}", groupBy == ReportGroups.Need
                ? "CROSS JOIN LATERAL unnest(CASE WHEN cardinality(c.needs) = 0 THEN ARRAY['none'] ELSE c.needs END) AS n(need)"
                : "", StringComparison.Ordinal);

        var totals = new Dictionary<(string Group, string Instrument, int Measure), (int People, decimal Before, decimal After, decimal Change, decimal? Sd, int Improved)>();
        var buckets = new Dictionary<(string Group, string Instrument, int Measure), Dictionary<int, int>>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = withThreshold.Select(d => d.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = withThreshold.Select(d => d.Scoring.MeaningfulChange!.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
            command.Parameters.Add(new NpgsqlParameter { Value = withThreshold.Select(d => d.Scoring.HigherIsBetter).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
                var people = reader.GetInt32(4);
                if (reader.IsDBNull(3))
                {
                    totals[key] = (people, reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7), Nullable(reader, 8), reader.GetInt32(9));
                }
                else
                {
                    (buckets.TryGetValue(key, out var b) ? b : buckets[key] = [])[reader.GetInt32(3)] = people;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var rows = totals
            .OrderBy(t => t.Key.Group, StringComparer.Ordinal).ThenBy(t => t.Key.Instrument, StringComparer.Ordinal).ThenBy(t => t.Key.Measure)
            .Select(t => Row(t.Key, t.Value, instruments.GetValueOrDefault(t.Key.Instrument), buckets.GetValueOrDefault(t.Key)))
            .ToList();
        return new OutcomeReport(from, to, groupBy, ReportGroups.SuppressBelow, rows, await ActivityAsync(db, from, to, cancellationToken));
    }

    private static OutcomeRow Row(
        (string Group, string Instrument, int Measure) key,
        (int People, decimal Before, decimal After, decimal Change, decimal? Sd, int Improved) t,
        InstrumentDefinition? instrument,
        Dictionary<int, int>? buckets)
    {
        var measure = key.Measure == 0 ? "score" : instrument?.Items.ElementAtOrDefault(key.Measure - 1)?.Key ?? $"item-{key.Measure}";
        if (ReportStatistics.Suppress(t.People))
        {
            return new OutcomeRow(key.Group, key.Instrument, measure, true, null, null, null, null, null, null, null, null, null);
        }

        var interval = ReportStatistics.MeanInterval95(t.Change, t.Sd, t.People);
        var claims = key.Measure == 0 && instrument?.Scoring.MeaningfulChange is not null;
        return new OutcomeRow(
            key.Group, key.Instrument, measure, false, t.People,
            Math.Round(t.Before, 2), Math.Round(t.After, 2), Math.Round(t.Change, 2),
            interval?.Lower, interval?.Upper,
            claims ? t.Improved : null,
            claims ? Math.Round((decimal)t.Improved / t.People, 3) : null,
            ReportStatistics.Bins(buckets ?? []));
    }

    private static decimal? Nullable(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);

    /// <summary>Cases opened in the period: by channel and source, time to first contact, where they are now, and how the closed ones ended.</summary>
    private static async Task<ActivitySummary> ActivityAsync(WellbeingDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var opened = db.Cases.AsNoTracking().Where(c => c.OpenedAt >= start && c.OpenedAt < end);
        var byChannel = await opened.GroupBy(c => c.Channel ?? "unknown").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var bySource = await opened.GroupBy(c => c.Source ?? "unknown").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byStep = await opened.GroupBy(c => c.Step).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var exits = await db.Cases.AsNoTracking()
            .Where(c => c.ClosedAt >= start && c.ClosedAt < end && c.Outcome != null)
            .GroupBy(c => c.Outcome!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        var contact = await db.Database.SqlQuery<ContactRow>($"""
            SELECT count(*)::int AS cases,
                   (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_contact_at - opened_at) / 86400))::numeric AS median,
                   (percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_contact_at - opened_at) / 86400))::numeric AS p90
            FROM cases WHERE opened_at >= {start} AND opened_at < {end} AND first_contact_at IS NOT NULL
            """).SingleAsync(cancellationToken);

        static IReadOnlyList<CountRow> Counts(IEnumerable<(string Label, int Count)> rows) =>
            [.. rows.OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal)
                .Select(r => ReportStatistics.Suppress(r.Count) ? new CountRow(r.Label, null, true) : new CountRow(r.Label, r.Count, false))];

        return new ActivitySummary(
            Counts(byChannel.Select(r => (r.Key, r.Count))),
            Counts(bySource.Select(r => (r.Key, r.Count))),
            ReportStatistics.Suppress(contact.Cases)
                ? new FirstContact(null, null, null, true)
                : new FirstContact(contact.Cases, Math.Round(contact.Median ?? 0, 1), Math.Round(contact.P90 ?? 0, 1), false),
            Counts(byStep.Select(r => (r.Key, r.Count))),
            Counts(exits.Select(r => (r.Key, r.Count))));
    }

    private sealed record ContactRow(int Cases, decimal? Median, decimal? P90);
}
