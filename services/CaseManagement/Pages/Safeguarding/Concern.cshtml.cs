using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.Safeguarding;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Pages.Safeguarding;

/// <summary>
/// One safeguarding concern: what was seen or said, whether the person knows and consents, when it is due; for the lead, the
/// decision that closes it (a referral to the local authority with its reference, advice given, or no further action, with
/// the reasons). Everyone else who may read the concern sees it without the form; anyone else, 404.
/// </summary>
[Authorize]
public sealed class ConcernModel(CaseDbContext db, TimeProvider time, IOptions<ContactTargets> targets) : PageModel
{
    [BindProperty] public string? Decision { get; set; }

    [BindProperty] public string? Reference { get; set; }

    [BindProperty] public string? Reason { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")] public bool Done { get; set; }

    public ConcernView? Concern { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Refusal { get; private set; }

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public bool IsLead => ConcernAccess.IsLead(User);

    private CaseServices Services => new(db, HttpContext, time);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await SafeguardingHandler.DecideAsync(Services, id, new DecisionInput(Decision, Reference, Reason), cancellationToken);
        switch (result.Status)
        {
            case ConcernStatus.Done:
                return Redirect($"/safeguarding/concerns/{id}?done=true");
            case ConcernStatus.NotFound:
                return NotFound();
            case ConcernStatus.Refused:
                Refusal = result.Detail;
                break;
            default:
                foreach (var (field, message) in result.Errors ?? new Dictionary<string, string>())
                {
                    Errors[$"decision-{field}"] = message;
                }

                ViewData["HasErrors"] = true;
                break;
        }

        return await ShowAsync(id, cancellationToken);
    }

    public string When(DateTimeOffset at) => targets.Value.Show(at);

    public string NameOf(string? userId) =>
        userId is null ? "" : userId == HttpContext.Actor() ? "you" : Names.GetValueOrDefault(userId, IsLeadId(userId) ? "the safeguarding lead" : "a member of staff");

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    private bool IsLeadId(string userId) => Concern?.DecidedBy == userId;

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        Concern = await SafeguardingHandler.FindAsync(Services, id, cancellationToken);
        if (Concern is null)
        {
            return NotFound();
        }

        Names = await db.LinkWorkers.AsNoTracking().ToDictionaryAsync(w => w.UserId, w => w.Name, StringComparer.Ordinal, cancellationToken);
        return Page();
    }
}
