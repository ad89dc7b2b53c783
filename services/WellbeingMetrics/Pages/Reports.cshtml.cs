using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.WellbeingMetrics.Features.ReportOutcomes;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>
/// The outcome report for managers: the same figures as <c>GET /api/wellbeing/reports/outcomes</c>
/// (one builder), with a CSV download of them. A GET form, so a report can be bookmarked and shared.
/// </summary>
public sealed class ReportsModel(WellbeingDbContext db, TimeProvider time, IAuthorizationService authorization) : ReportPageModel(time, authorization)
{
    public OutcomeReport? Report { get; private set; }

    public string GroupBy { get; private set; } = ReportGroups.None;

    public IReadOnlyDictionary<string, string> InstrumentNames { get; private set; } = new Dictionary<string, string>();

    public string CsvLink => $"/api/wellbeing/reports/outcomes?from={Report?.From:yyyy-MM-dd}&to={Report?.To:yyyy-MM-dd}&groupBy={GroupBy}&format=csv";

    public static string GroupLabel(string groupBy) => groupBy switch
    {
        ReportGroups.Source => "Referral source",
        ReportGroups.Month => "Month of latest score",
        ReportGroups.LinkWorker => "Link worker",
        ReportGroups.Need => "Need",
        _ => "Everyone",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        GroupBy = Request.Query["groupBy"].ToString() is { Length: > 0 } g ? g : ReportGroups.None;
        if (await ReadQueryAsync() is not { } query)
        {
            return Page();
        }

        Report = await OutcomeReports.BuildAsync(db, query.From, query.To, query.GroupBy, cancellationToken);
        From = query.From.ToString("yyyy-MM-dd");
        To = query.To.ToString("yyyy-MM-dd");
        InstrumentNames = (await db.Instruments.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(i => i.Id, i => i.Definition.Name);
        return Page();
    }
}
