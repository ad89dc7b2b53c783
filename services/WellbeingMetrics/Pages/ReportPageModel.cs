using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.WellbeingMetrics.Features;
using SocialPrescribing.WellbeingMetrics.Features.ReportOutcomes;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>A manager's report page: who may see it, and the period asked for in its GET form (so a report can be bookmarked).</summary>
public abstract class ReportPageModel(TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public bool Forbidden { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public string? From { get; protected set; }

    public string? To { get; protected set; }

    /// <summary>The period (and grouping) asked for; null once the page answers 403 (not a manager) or 400 (its mistakes named).</summary>
    protected async Task<ReportQuery?> ReadQueryAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.ReportReader)).Succeeded)
        {
            Forbidden = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return null;
        }

        From = Request.Query["from"];
        To = Request.Query["to"];
        var (query, errors) = ReportQuery.Read(Request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        Errors = errors;
        if (query is null)
        {
            ViewData["HasErrors"] = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return query;
    }
}
