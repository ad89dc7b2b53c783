using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Authentication;
using SocialPrescribing.Notifications.Features;
using SocialPrescribing.Notifications.Features.ManageMessages;

namespace SocialPrescribing.Notifications.Pages;

/// <summary>For managers: messages that failed or could not be delivered, each with its case and a button to send it again.</summary>
[Authorize]
public sealed class MessagesModel(ManageMessagesHandler handler) : PageModel
{
    public IReadOnlyList<NoticeView> Notices { get; private set; } = [];

    /// <summary>What happened to the last "Send again", shown above the list.</summary>
    public string? Outcome { get; private set; }

    public bool Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(SuiteRoles.Manager))
        {
            return NotFound();
        }

        Outcome = Request.Query["sent"].Count > 0 ? "The message will be sent again within a minute." : null;
        Notices = await handler.ListAsync(null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(SuiteRoles.Manager))
        {
            return NotFound();
        }

        var (notice, _, problem) = await handler.ResendAsync(id, cancellationToken);
        if (notice is not null)
        {
            return Redirect("/notifications/messages?sent=1");
        }

        Outcome = problem;
        Refused = true;
        Notices = await handler.ListAsync(null, cancellationToken);
        return Page();
    }

    public static string When(DateTimeOffset at) =>
        at.ToString("d MMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
