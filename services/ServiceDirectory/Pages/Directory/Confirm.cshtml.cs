using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.ServiceDirectory.Features.ConfirmListing;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Pages.Directory;

/// <summary>
/// The one-time link a provider gets when their listing has not been checked for three months: confirm it is right, or
/// say what needs changing. No sign-in: the link is the proof, and it works once (then 410, as an expired one).
/// </summary>
public sealed class ConfirmModel(ConfirmListingHandler handler, TimeProvider time) : PageModel
{
    private ListingConfirmation? _confirmation;

    public Service? Service { get; private set; }

    /// <summary><c>confirmed</c> or <c>changes-asked</c> after an answer; <c>gone</c> for a used or expired link.</summary>
    public string? Outcome { get; private set; }

    [BindProperty]
    public string? Changes { get; set; }

    public string? ChangesError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostConfirmAsync(string token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, cancellationToken) is { } refused)
        {
            return refused;
        }

        await handler.ConfirmAsync(_confirmation!, Service!, cancellationToken);
        Outcome = "confirmed";
        return Page();
    }

    public async Task<IActionResult> OnPostChangesAsync(string token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, cancellationToken) is { } refused)
        {
            return refused;
        }

        var changes = Changes?.Trim() ?? "";
        if (changes.Length == 0 || changes.Length > ConfirmListingHandler.MaxChanges)
        {
            ChangesError = changes.Length == 0
                ? "Say what needs changing, for example new opening times or a new contact number."
                : $"Keep it to {ConfirmListingHandler.MaxChanges} characters.";
            ViewData["HasErrors"] = true;
            return Page();
        }

        await handler.AskForChangesAsync(_confirmation!, Service!, changes, cancellationToken);
        Outcome = "changes-asked";
        return Page();
    }

    /// <summary>Loads the link and its service (once a request); a response when the link is unknown (404) or used or expired (410).</summary>
    private async Task<IActionResult?> LoadAsync(string token, CancellationToken cancellationToken)
    {
        var (confirmation, service) = await handler.FindAsync(token, cancellationToken);
        if (confirmation is null || service is null)
        {
            return NotFound();
        }

        (_confirmation, Service) = (confirmation, service);
        if (!confirmation.Usable(time.GetUtcNow()))
        {
            Outcome = "gone";
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        return null;
    }
}
