using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.TeamView;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>
/// A manager's view of how their link workers and teams are doing today (<see cref="TeamFigures"/>), each worker linked
/// to their caseload and diary; <c>?format=csv</c> gives the same as a spreadsheet.
/// </summary>
[Authorize]
public sealed class TeamModel(CaseDbContext db, TimeProvider time, IAuthorizationService authorization, IOptions<ContactTargets> targets) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public bool Forbidden { get; private set; }

    public IReadOnlyList<WorkerFigures> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.CaseAssigner)).Succeeded)
        {
            Forbidden = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(targets.Value.Local(now).Date);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        Rows = await TeamFigures.ForAsync(db, db.Cases.VisibleTo(User), now, targets.Value.InstantOf(monday, TimeOnly.MinValue), cancellationToken);
        return Format == "csv"
            ? File(System.Text.Encoding.UTF8.GetBytes(TeamFigures.Csv(Rows)), "text/csv; charset=utf-8", $"team-{today:yyyy-MM-dd}.csv")
            : Page();
    }

    public static string Days(double? days) => days is { } d ? d.ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) + " days" : "none yet";

    public static string Percent(double? share) => share is { } s ? s.ToString("0%", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : "none yet";
}
