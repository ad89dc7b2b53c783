using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.Safeguarding;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Pages.Safeguarding;

/// <summary>
/// The safeguarding lead's queue: open concerns, those with someone in immediate danger first, then by the time they are
/// due; the decided ones below. Managers and link workers see the concerns they may (their team's); anyone else is told
/// they cannot. Opening it also tells Notifications who the lead is (their alerts go to the email their sign-in carries).
/// </summary>
[Authorize]
public sealed class QueueModel(CaseDbContext db, TimeProvider time, IOptions<ContactTargets> targets, NotificationsClient notifications) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "closed")]
    public bool Closed { get; set; }

    public IReadOnlyList<ConcernView>? Concerns { get; private set; }

    public bool IsLead => ConcernAccess.IsLead(User);

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ConcernAccess.MayReadConcerns(User))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Concerns = await SafeguardingHandler.QueueAsync(new CaseServices(db, HttpContext, time), !Closed, SafeguardingEndpoints.MaxQueueItems, cancellationToken);

        try
        {
            // The lead joins Notifications' roster by asking for their alerts (new concerns reach them by email from then on).
            await notifications.AlertsAsync(cancellationToken);
        }
        catch (ServiceUnavailableException)
        {
            // The queue is this service's own: it is shown whatever Notifications says.
        }

        return Page();
    }

    public string When(DateTimeOffset at) => targets.Value.Show(at);
}
