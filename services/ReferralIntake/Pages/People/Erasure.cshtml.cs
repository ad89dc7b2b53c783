using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Features.ErasePerson;

namespace SocialPrescribing.ReferralIntake.Pages.People;

/// <summary>An erasure as it goes: each service's confirmation; it answers after the person is gone.</summary>
[Authorize]
public sealed class ErasureModel(ErasePersonHandler eraser) : PageModel
{
    public ErasureView? Erasure { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid requestId, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(SuiteRoles.Manager))
        {
            return NotFound();
        }

        Erasure = await eraser.ReadAsync(id, requestId, cancellationToken);
        return Erasure is null ? NotFound() : Page();
    }
}
