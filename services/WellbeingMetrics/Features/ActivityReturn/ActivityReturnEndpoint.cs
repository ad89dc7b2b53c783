using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.Features.ActivityReturn;

/// <summary><c>GET /api/wellbeing/reports/activity-return?month=YYYY-MM</c>: the monthly activity return as CSV (or JSON).</summary>
public static class ActivityReturnEndpoint
{
    public static IEndpointRouteBuilder MapActivityReturn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/wellbeing/reports/activity-return", GetAsync).WithTags("Reports").WithName("GetActivityReturn")
            .WithSummary("The monthly activity return (Social Prescribing Information Standard shape): referrals by source, channel and GP practice, people seen, declined, closures, measures, SNOMED CT codes; under 5 suppressed")
            .WithDescription("month (YYYY-MM, a month already begun; default the last whole month), format (csv, the default, or json).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces<IReadOnlyList<ActivityReturnRow>>().ProducesValidationProblem()
            .RequireAuthorization(AccessPolicies.ReportReader)
            .ReturnsRecords(RecordScope.None);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, Ok<IReadOnlyList<ActivityReturnRow>>, ValidationProblem>> GetAsync(
        HttpRequest request, WellbeingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        if (request.Query["month"] is { Count: > 0 } asked)
        {
            if (!DateOnly.TryParseExact($"{asked}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month))
            {
                errors["month"] = ["Give the month as YYYY-MM, for example 2026-11."];
            }
            else if (month > today || month.Year < 2000)
            {
                errors["month"] = ["Give a month that has begun, from 2000 on."];
            }
        }

        var format = request.Query["format"].ToString() is { Length: > 0 } f ? f : "csv";
        if (format is not ("csv" or "json"))
        {
            errors["format"] = ["Give format as csv or json."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The return's query has mistakes");
        }

        var rows = await ActivityReturn.BuildAsync(db, month, cancellationToken);
        return format == "json"
            ? TypedResults.Ok(rows)
            : TypedResults.File(ActivityReturn.Csv(rows), "text/csv; charset=utf-8", $"social-prescribing-activity-{month:yyyy-MM}.csv");
    }
}
