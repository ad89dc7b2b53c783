using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Features.ErasePerson;
using SocialPrescribing.ReferralIntake.Features.ReadPerson;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.Pages.People;

/// <summary>
/// A manager erases a person, where the law allows: says why, confirms, and then sees each service's
/// confirmation (<c>/people/{id}/erasure/{requestId}</c>, which still answers when the person is gone).
/// </summary>
[Authorize]
public sealed class EraseModel(ReadPersonHandler reader, ErasePersonHandler eraser, ErasureSettings settings) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    public string Name { get; private set; } = "";

    public ErasureSettings Settings => settings;

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Reason = Reason?.Trim();
        if (string.IsNullOrEmpty(Reason))
        {
            Errors["reason"] = "Say why the person is being erased, for example \"Their request of 3 December 2026\".";
        }
        else if (Reason.Length > Model.ReferralRules.MaxReasonLength)
        {
            Errors["reason"] = $"Reason must be {Model.ReferralRules.MaxReasonLength} characters or fewer.";
        }

        if (!Confirmed)
        {
            Errors["confirmed"] = "Tick to confirm you understand the person's records will be gone for good.";
        }

        if (Errors.Count == 0)
        {
            var (outcome, erasure) = await eraser.StartAsync(id, Reason!, HttpContext, cancellationToken);
            if (outcome == ErasureOutcome.Started)
            {
                return Redirect($"/people/{id}/erasure/{erasure!.Id}");
            }

            Errors["reason"] = outcome switch
            {
                ErasureOutcome.Running => "An erasure of this person is already running: wait for every service to confirm it.",
                ErasureOutcome.Merged => "This record was merged into another: erase that one.",
                _ => "The law does not allow erasure under the lawful basis this service uses: restrict the record instead.",
            };
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(SuiteRoles.Manager) || await reader.ReadAsync(id, HttpContext, cancellationToken) is not { } person)
        {
            return false;
        }

        Name = $"{person.GivenName} {person.FamilyName}";
        return true;
    }
}
