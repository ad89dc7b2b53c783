using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Apis;
using SocialPrescribing.CaseManagement.Extensions;
using SocialPrescribing.CaseManagement.Infrastructure;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>
/// The link worker's caseload: their team's cases, urgent first. Reached through the gateway,
/// which signs the person in and relays their access token; this page checks the role again.
/// </summary>
[Authorize]
public sealed class CaseloadModel(CaseDbContext db, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public CasePage? Cases { get; private set; }

    public IReadOnlyList<string> Teams { get; private set; } = [];

    public bool SeesAllTeams { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.CaseReader)).Succeeded)
        {
            // A page that says why, not a bare 403.
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Teams = [.. User.FindAll(SuiteAuthentication.TeamClaim).Select(c => c.Value)];
        SeesAllTeams = User.IsInRole(SuiteRoles.Manager) || User.IsInRole(SuiteRoles.Admin);
        PageNumber = Math.Max(1, PageNumber);
        Cases = await new CaseServices(db, HttpContext, time)
            .FindCasesAsync(new CaseFilter(null, null, null, PageNumber, PageSize), cancellationToken);
        return Page();
    }

    /// <summary>Who referred, in words: <c>self</c> → <c>the person</c>, <c>gp</c> → <c>GP</c>.</summary>
    public static string SourceName(string source) => source switch
    {
        "self" => "the person",
        "phone" => "phone (call handler)",
        "gp" => "GP",
        _ => source,
    };

    /// <summary><c>AssessmentArranged</c> → <c>Assessment arranged</c>.</summary>
    public static string StepName(string step) =>
        string.Concat(step.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
