using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Features.SearchPeople;

namespace SocialPrescribing.ReferralIntake.Pages.People;

/// <summary>
/// Staff find a person by name (typos forgiven), reference, NHS number or postcode, and/or date of
/// birth: link workers among their teams' people, managers everyone. Every search is audited.
/// </summary>
[Authorize]
public sealed class IndexModel(SearchPeopleHandler search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? DobDay { get; set; }
    [BindProperty(SupportsGet = true)] public string? DobMonth { get; set; }
    [BindProperty(SupportsGet = true)] public string? DobYear { get; set; }

    public bool MayUse => User.IsInRole(SuiteRoles.LinkWorker) || User.IsInRole(SuiteRoles.Manager);

    public bool SeesEveryone => User.IsInRole(SuiteRoles.Manager);

    /// <summary>The people found, or null before the first search (or when the terms were wrong).</summary>
    public IReadOnlyList<PersonFound>? Found { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!MayUse)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var dateGiven = !string.IsNullOrWhiteSpace(DobDay) || !string.IsNullOrWhiteSpace(DobMonth) || !string.IsNullOrWhiteSpace(DobYear);
        if (!dateGiven && !Request.Query.ContainsKey("search"))
        {
            return Page();
        }

        var born = DateOfBirthField.Read(DobDay, DobMonth, DobYear, out var blank);
        if (!blank && born is null)
        {
            Errors["dob-day"] = DateOfBirthField.NotADate;
        }

        var (query, errors) = PersonQuery.Parse(Search, born?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, null);
        foreach (var (field, messages) in errors)
        {
            if (field == "search" && !Errors.ContainsKey("dob-day"))
            {
                Errors["search"] = messages[0];
            }
        }

        if (query is null || Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Found = await search.SearchAsync(query, HttpContext, cancellationToken);
        return Page();
    }
}
