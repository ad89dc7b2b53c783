using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;
using SocialPrescribing.WellbeingMetrics.Features;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.ReportOutcomes;

/// <summary>Outcome reports for managers and commissioners: people counted, never named; small groups suppressed.</summary>
public static class OutcomeReportEndpoint
{
    public static IEndpointRouteBuilder MapOutcomeReport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/wellbeing/reports/outcomes", GetOutcomesAsync).WithTags("Reports").WithName("GetOutcomeReport")
            .WithSummary("Paired baseline and follow-up per instrument: mean change with 95% CI, share meaningfully improved, change distribution; case activity")
            .WithDescription("from, to (YYYY-MM-DD; by the latest score's date; default the last 12 months), groupBy (none, source, month, linkWorker, need), format (json or csv). Groups under 5 people are suppressed.")
            .Produces<OutcomeReport>().Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem()
            .RequireAuthorization(AccessPolicies.ReportReader)
            .ReturnsRecords(RecordScope.None);
        return app;
    }

    public static async Task<Results<Ok<OutcomeReport>, FileContentHttpResult, ValidationProblem>> GetOutcomesAsync(
        HttpRequest request, WellbeingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (query, errors) = ReportQuery.Read(request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The report query has mistakes");
        }

        var report = await OutcomeReports.BuildAsync(db, query.From, query.To, query.GroupBy, cancellationToken);
        return query.Format == "csv"
            ? TypedResults.File(Csv(report), "text/csv; charset=utf-8", $"outcomes-{query.From:yyyy-MM-dd}-to-{query.To:yyyy-MM-dd}-by-{query.GroupBy}.csv")
            : TypedResults.Ok(report);
    }

    /// <summary>
    /// Text cells that a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or
    /// carriage return; a group is named by free text such as a referrer's role) are written with a leading
    /// apostrophe, so they show as text. Numbers are written as numbers.
    /// </summary>
    private static readonly CsvWriterOptions CsvOptions = new() { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>One line per group, instrument and measure (suppressed groups say so, with no figures).</summary>
    public static byte[] Csv(OutcomeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvOptions, true))
        {
            csv.WriteHeader(Columns);
            foreach (var r in report.Outcomes)
            {
                csv.WriteField(report.From, "yyyy-MM-dd");
                csv.WriteField(report.To, "yyyy-MM-dd");
                csv.WriteField(report.GroupBy);
                csv.WriteField(r.Group);
                csv.WriteField(r.Instrument);
                csv.WriteField(r.Measure);
                if (r.Suppressed)
                {
                    csv.WriteField($"fewer than {report.SuppressedBelow}");
                }
                else
                {
                    csv.WriteField(r.People, default);
                }

                foreach (var figure in (ReadOnlySpan<decimal?>)[r.MeanBaseline, r.MeanLatest, r.MeanChange, r.ChangeLower95, r.ChangeUpper95])
                {
                    csv.WriteField(figure, default);
                }

                csv.WriteField(r.MeaningfulImprovement, default);
                csv.WriteField(r.MeaningfulImprovementShare, default);
                csv.EndRecord();
            }

            csv.Flush();
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static readonly string[] Columns =
    [
        "from", "to", "groupBy", "group", "instrument", "measure", "people", "meanBaseline", "meanLatest", "meanChange",
        "changeLower95", "changeUpper95", "meaningfulImprovement", "meaningfulImprovementShare",
    ];

}

/// <summary>The report's parameters, checked: every mistake named.</summary>
public sealed record ReportQuery(DateOnly From, DateOnly To, string GroupBy, string Format)
{
    public static (ReportQuery? Query, Dictionary<string, string[]> Errors) Read(IQueryCollection query, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>();
        DateOnly? Date(string name)
        {
            var text = query[name].ToString();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors[name] = ["Must be a date written as YYYY-MM-DD."];
            return null;
        }

        var to = Date("to") ?? today;
        var from = Date("from") ?? to.AddYears(-1).AddDays(1);
        if (errors.Count == 0 && from > to)
        {
            errors["from"] = ["The start must not be after the end."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber > 3660)
        {
            errors["from"] = ["Report on at most ten years at a time."];
        }

        var groupBy = query["groupBy"].ToString() is { Length: > 0 } g ? g : ReportGroups.None;
        if (!ReportGroups.All.Contains(groupBy))
        {
            errors["groupBy"] = [$"Group by one of: {string.Join(", ", ReportGroups.All)}."];
        }

        var format = query["format"].ToString() is { Length: > 0 } f ? f : "json";
        if (format is not ("json" or "csv"))
        {
            errors["format"] = ["Use json or csv."];
        }

        return errors.Count > 0 ? (null, errors) : (new ReportQuery(from, to, groupBy, format), errors);
    }
}
