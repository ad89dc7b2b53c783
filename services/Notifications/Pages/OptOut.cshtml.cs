using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Notifications.Features.OptOut;

namespace SocialPrescribing.Notifications.Pages;

/// <summary>
/// "Stop these messages": the link in every email and text. Opening it asks first (a button), so a mail program that
/// opens links by itself does not opt anyone out.
/// </summary>
public sealed class OptOutModel(OptOutHandler handler) : PageModel
{
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await handler.KnownAsync(token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await handler.OptOutAsync(token, cancellationToken))
        {
            return NotFound();
        }

        Done = true;
        return Page();
    }
}
