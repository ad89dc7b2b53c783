using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Contracts;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Features.ProviderInbox;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.ServiceDirectory.Pages.Provider;

/// <summary>
/// A provider's inbox: referrals to their organisation's services, oldest and overdue first, to
/// accept, decline with a reason, or mark finished. Reached through the gateway, which signs the
/// person in and relays their access token; this page checks the role again.
/// </summary>
[Authorize]
public sealed class InboxModel(DirectoryDbContext db, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    [BindProperty] public Guid Id { get; set; }

    [BindProperty] public string? Reason { get; set; }

    public bool Allowed { get; private set; }

    public List<ProviderReferralView> Referrals { get; private set; } = [];

    /// <summary>The referral whose decline needs a reason, and what is wrong.</summary>
    public (Guid Id, string Message)? DeclineError { get; private set; }

    [TempData] public string? Done { get; set; }

    public string Showing => Status is ProviderReferralStatus.Accepted or ProviderReferralStatus.Waiting or "all" ? Status : ProviderReferralStatus.Requested;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken) =>
        AnswerAsync((referral, service, now) => referral.Accept(service, HttpContext.Actor(), now), "accepted", cancellationToken);

    public Task<IActionResult> OnPostCompleteAsync(CancellationToken cancellationToken) =>
        AnswerAsync((referral, service, now) => referral.Complete(service, now), "marked as finished", cancellationToken);

    public async Task<IActionResult> OnPostDeclineAsync(CancellationToken cancellationToken)
    {
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ProviderInboxHandler.MaxReasonLength)
        {
            DeclineError = (Id, string.IsNullOrEmpty(reason)
                ? "Say why you cannot take the person on, so their link worker can find something else"
                : $"The reason must be {ProviderInboxHandler.MaxReasonLength} characters or fewer");
            ViewData["HasErrors"] = true;
            var page = await ShowAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        return await AnswerAsync((referral, _, now) => referral.Decline(reason, HttpContext.Actor(), now), "declined", cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync(
        Func<Model.ProviderReferral, Model.Service, DateTimeOffset, IIntegrationEvent> answer, string words, CancellationToken cancellationToken)
    {
        if (!await MayUseAsync())
        {
            return Forbidden();
        }

        var result = await ProviderInboxHandler.AnswerAsync(new InboxServices(db, time, HttpContext), Id, answer, cancellationToken);
        if (result.Outcome == AnswerOutcome.NotFound)
        {
            return NotFound();
        }

        Done = result.Outcome == AnswerOutcome.Done
            ? $"Referral {result.Referral!.CaseReference} to {result.Referral.ServiceName} {words}. Their link worker has been told."
            : $"Nothing changed: {result.Detail}";
        return RedirectToPage(new { status = Status });
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (!await MayUseAsync())
        {
            return Forbidden();
        }

        Referrals = await ProviderInboxHandler.ListAsync(new InboxServices(db, time, HttpContext), Showing, cancellationToken);
        return Page();
    }

    private async Task<bool> MayUseAsync() => Allowed = (await authorization.AuthorizeAsync(User, AccessPolicies.ProviderInbox)).Succeeded;

    /// <summary>A page that says why, not a bare 403.</summary>
    private PageResult Forbidden() => new() { StatusCode = StatusCodes.Status403Forbidden };
}
