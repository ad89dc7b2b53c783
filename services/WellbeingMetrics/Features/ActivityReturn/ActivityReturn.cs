using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.ActivityReturn;

/// <summary>One figure of the return: a measure, what it is broken down by, the group, its SNOMED CT code where it is one.</summary>
public sealed record ActivityReturnRow(string Period, string Measure, string Breakdown, string Group, string? Code, int? Value, bool Suppressed);

/// <summary>
/// The monthly activity return for commissioners and NHS England, in the shape of the Social Prescribing Information
/// Standard's reporting: referrals received (by source, channel and GP practice), people seen, declined, cases closed by
/// outcome, wellbeing measures recorded (by instrument and timepoint) and the SNOMED CT codes the GP records were given.
/// People are counted, never named; every figure under five is suppressed (shown as such, with no number).
/// </summary>
public static class ActivityReturn
{
    public const string Referred = "871731000000106";
    public const string Declined = "871711000000103";

    public static async Task<IReadOnlyList<ActivityReturnRow>> BuildAsync(WellbeingDbContext db, DateOnly month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var from = new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = from.AddMonths(1);
        var period = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var cases = db.Cases.AsNoTracking();
        var opened = cases.Where(c => c.OpenedAt >= from && c.OpenedAt < to);
        var bySource = await opened.GroupBy(c => c.Source ?? "unknown").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byChannel = await opened.GroupBy(c => c.Channel ?? "unknown").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byPractice = await opened.GroupBy(c => c.GpPractice ?? "not known").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var seen = await cases.CountAsync(c => c.FirstContactAt >= from && c.FirstContactAt < to, cancellationToken);
        var closed = await cases.Where(c => c.ClosedAt >= from && c.ClosedAt < to)
            .GroupBy(c => c.Outcome ?? "unknown").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var (first, last) = (DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime));
        var measures = await db.Assessments.AsNoTracking().Where(a => a.CompletedOn >= first && a.CompletedOn < last)
            .GroupBy(a => new { a.InstrumentId, a.Timepoint }).Select(g => new { g.Key.InstrumentId, g.Key.Timepoint, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var declined = closed.Where(c => c.Key == CaseSteps.Declined).Sum(c => c.Count);

        ActivityReturnRow Row(string measure, string breakdown, string group, int count, string? code = null) =>
            ReportStatistics.Suppress(count)
                ? new ActivityReturnRow(period, measure, breakdown, group, code, null, true)
                : new ActivityReturnRow(period, measure, breakdown, group, code, count, false);

        return
        [
            Row("referrals_received", "all", "all", bySource.Sum(s => s.Count)),
            .. bySource.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Row("referrals_received", "source", s.Key, s.Count)),
            .. byChannel.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Row("referrals_received", "channel", s.Key, s.Count)),
            .. byPractice.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Row("referrals_received", "gp_practice", s.Key, s.Count)),
            Row("people_seen", "all", "all", seen),
            Row("declined", "all", "all", declined),
            .. closed.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Row("cases_closed", "outcome", s.Key, s.Count)),
            .. measures.OrderBy(m => m.InstrumentId, StringComparer.Ordinal).ThenBy(m => m.Timepoint, StringComparer.Ordinal)
                .Select(m => Row("wellbeing_measures_recorded", "instrument_timepoint", $"{m.InstrumentId}:{m.Timepoint}", m.Count)),
            // The codes the GP record gets (Case Management's GP summary): referred when the person accepted (their first
            // meeting arranged), declined when they said no.
            Row("snomed_codes_used", "code", "Referral to social prescribing service", seen, Referred),
            Row("snomed_codes_used", "code", "Social prescribing declined", declined, Declined),
        ];
    }

    private static readonly CsvWriterOptions CsvOptions = new() { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    private static readonly string[] Columns = ["period", "measure", "breakdown", "group", "snomed_ct_code", "value", "suppressed"];

    /// <summary>The return as CSV (UTF-8 with BOM, as spreadsheets expect): a suppressed figure's value is empty and says so.</summary>
    public static byte[] Csv(IReadOnlyList<ActivityReturnRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvOptions, true))
        {
            csv.WriteHeader(Columns);
            foreach (var row in rows)
            {
                csv.WriteField(row.Period);
                csv.WriteField(row.Measure);
                csv.WriteField(row.Breakdown);
                csv.WriteField(row.Group);
                csv.WriteField(row.Code ?? "");
                csv.WriteField(row.Value, default);
                csv.WriteField(row.Suppressed ? $"fewer than {ReportGroups.SuppressBelow}" : "no");
                csv.EndRecord();
            }

            csv.Flush();
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
