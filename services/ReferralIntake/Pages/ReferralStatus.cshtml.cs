using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.ReferralIntake.Features.CheckReferralStatus;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>
/// The person checks their referral with its reference and their date of birth. A miss never says
/// which of the two was wrong; the gateway limits how often a client may ask, and after 5 wrong dates of
/// birth in a day the reference asks the person to call (<see cref="CheckReferralStatusHandler"/>).
/// </summary>
public sealed class ReferralStatusModel(
    CheckReferralStatusHandler status, TimeProvider time, IConfiguration configuration, Microsoft.Extensions.Localization.IStringLocalizer<PublicText> text) : PageModel
{
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? DobDay { get; set; }
    [BindProperty] public string? DobMonth { get; set; }
    [BindProperty] public string? DobYear { get; set; }

    public string? ReferenceError { get; private set; }
    public string? DateOfBirthError { get; private set; }
    public bool NoMatch { get; private set; }
    public bool Locked { get; private set; }

    /// <summary>The number people call to check a referral they cannot check online (<c>Intake:PhoneNumber</c>).</summary>
    public string PhoneNumber => configuration["Intake:PhoneNumber"] ?? "0113 496 0000";
    public ReferralStatusView? Found { get; private set; }

    public bool HasErrors => ReferenceError is not null || DateOfBirthError is not null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var reference = (Reference ?? "").Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (reference.Length == 10 && reference.StartsWith("SP", StringComparison.Ordinal))
        {
            reference = $"SP-{reference[2..6]}-{reference[6..]}";
        }

        if (reference.Length == 0)
        {
            ReferenceError = text["Status.EnterReference"];
        }
        else if (!ReferenceGenerator.LooksLikeReference(reference))
        {
            ReferenceError = text["Status.CheckReference"];
        }

        var dateOfBirth = DateOfBirthField.Read(DobDay, DobMonth, DobYear, out var blank);
        if (dateOfBirth is null)
        {
            DateOfBirthError = blank ? text["Status.EnterDateOfBirth"] : RuleText.Translate(DateOfBirthField.NotADate);
        }

        if (HasErrors)
        {
            ViewData["HasErrors"] = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var lookup = await status.LookUpAsync(reference, dateOfBirth, time.GetUtcNow(), cancellationToken);
        Found = lookup.Status;
        Locked = lookup.Outcome == StatusLookupOutcome.Locked;
        NoMatch = lookup.Outcome == StatusLookupOutcome.NotFound;
        Response.StatusCode = lookup.Outcome switch
        {
            StatusLookupOutcome.Locked => StatusCodes.Status429TooManyRequests,
            StatusLookupOutcome.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status200OK,
        };

        return Page();
    }
}
