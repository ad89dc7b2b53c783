using Microsoft.EntityFrameworkCore;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Infrastructure;

/// <summary>Keeps <see cref="OutcomePair"/> rows in step with the assessments and the case (in the caller's transaction).</summary>
public static class OutcomePairs
{
    /// <summary>
    /// Works out a case's pairs for one instrument again from its assessments: the baseline against the
    /// latest later score (by date, then timepoint), one row for the score or one per item.
    /// </summary>
    public static Task RefreshAsync(WellbeingDbContext db, Guid caseId, InstrumentDefinition instrument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(instrument);
        // Meaningful improvement in hundredths, in the instrument's better direction (null: no claim).
        int? threshold = instrument.Scoring.MeaningfulChange is { } change ? (int)Math.Round(change * 100) : null;
        var direction = instrument.Scoring.HigherIsBetter ? 1 : -1;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM outcome_pairs WHERE case_id = {caseId} AND instrument_id = {instrument.Id};
            INSERT INTO outcome_pairs (case_id, instrument_id, measure, baseline, latest, latest_on, improved, source, link_worker, needs)
            SELECT l.case_id, l.instrument_id, m.measure, m.before, m.after, l.completed_on,
                   CASE WHEN m.measure = 0 AND {threshold}::int IS NOT NULL THEN {direction}::int * (m.after - m.before) >= {threshold}::int END,
                   c.source, c.assigned_to, c.needs
            FROM (SELECT * FROM assessments a
                  WHERE a.case_id = {caseId} AND a.instrument_id = {instrument.Id} AND a.sequence > 0
                  ORDER BY a.completed_on DESC, a.sequence DESC LIMIT 1) l
            JOIN assessments b ON b.case_id = l.case_id AND b.instrument_id = l.instrument_id AND b.sequence = 0 AND b.completed_on <= l.completed_on
            JOIN cases c ON c.id = l.case_id
            CROSS JOIN LATERAL (
                SELECT 0::smallint, round(b.value * 100)::int, round(l.value * 100)::int WHERE l.value IS NOT NULL AND b.value IS NOT NULL
                UNION ALL
                SELECT u.n::smallint, u.b * 100, u.a * 100
                FROM unnest(b.responses, l.responses) WITH ORDINALITY AS u(b, a, n)
                WHERE l.value IS NULL
            ) AS m(measure, before, after)
            """, cancellationToken);
    }

    /// <summary>The case's link worker changed: its pairs follow (reports by link worker count the current one).</summary>
    public static Task FollowLinkWorkerAsync(WellbeingDbContext db, Guid caseId, string linkWorker, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"UPDATE outcome_pairs SET link_worker = {linkWorker} WHERE case_id = {caseId}", cancellationToken);
}
