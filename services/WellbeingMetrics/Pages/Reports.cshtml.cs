using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.WellbeingMetrics.Features;
using SocialPrescribing.WellbeingMetrics.Features.ReportOutcomes;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>
/// The outcome report for managers: the same figures as <c>GET /api/wellbeing/reports/outcomes</c>
/// (one builder), with a CSV download of them. A GET form, so a report can be bookmarked and shared.
/// </summary>
public sealed class ReportsModel(WellbeingDbContext db, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public bool Forbidden { get; private set; }

    public OutcomeReport? Report { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public string? From { get; private set; }

    public string? To { get; private set; }

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
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.ReportReader)).Succeeded)
        {
            Forbidden = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        From = Request.Query["from"];
        To = Request.Query["to"];
        GroupBy = Request.Query["groupBy"].ToString() is { Length: > 0 } g ? g : ReportGroups.None;
        var (query, errors) = ReportQuery.Read(Request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        Errors = errors;
        if (query is null)
        {
            ViewData["HasErrors"] = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = await OutcomeReports.BuildAsync(db, query.From, query.To, query.GroupBy, cancellationToken);
        From = query.From.ToString("yyyy-MM-dd");
        To = query.To.ToString("yyyy-MM-dd");
        InstrumentNames = (await db.Instruments.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(i => i.Id, i => i.Definition.Name);
        return Page();
    }
}
