using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.ListCases;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>
/// The link worker's caseload: their open cases by default (everyone's for managers), the counts
/// that matter (same-day, overdue, unassigned), filters, and the team's same-day queue at the top.
/// Reached through the gateway, which signs the person in and relays their access token; this page
/// checks the role again.
/// </summary>
[Authorize]
public sealed class CaseloadModel(
    CaseDbContext db, TimeProvider time, IAuthorizationService authorization, Microsoft.Extensions.Options.IOptions<ContactTargets> targets, IntakeClient intake,
    NotificationsClient notifications) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    /// <summary><c>me</c> (a link worker's default), <c>team</c> (everyone's they may see; managers' default) or <c>nobody</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    /// <summary>A manager's view of one link worker's cases (from the team view).</summary>
    [BindProperty(SupportsGet = true, Name = "worker")]
    public string? Worker { get; set; }

    [BindProperty(SupportsGet = true, Name = "step")]
    public string? Step { get; set; }

    [BindProperty(SupportsGet = true, Name = "urgent")]
    public bool Urgent { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "closed")]
    public bool Closed { get; set; }

    public CasePage? Cases { get; private set; }

    public CaseCounts? Counts { get; private set; }

    /// <summary>Same-day cases of the caller's teams whose person has not been reached yet, or with a risk recorded at a contact to review today, whoever holds them.</summary>
    public CasePage? SameDay { get; private set; }

    /// <summary>Closed cases whose GP summary failed or could not be sent: the failed list.</summary>
    public CasePage? GpNotSent { get; private set; }

    public IReadOnlyList<string> Teams { get; private set; } = [];

    public bool SeesAllTeams { get; private set; }

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    /// <summary>The person's name for each listed case's referral (Referral Intake decides who may see it).</summary>
    public IReadOnlyDictionary<Guid, string> PersonNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Referral Intake did not answer: cases show their references only.</summary>
    public bool PersonNamesUnavailable { get; private set; }

    /// <summary>The caller's alerts not yet seen (from the Notifications service); null when it did not answer.</summary>
    public IReadOnlyList<StaffAlert>? Alerts { get; private set; } = [];

    /// <summary>Marks an alert seen, then shows the caseload again.</summary>
    public async Task<IActionResult> OnPostSeenAsync(Guid alertId, CancellationToken cancellationToken)
    {
        try
        {
            await notifications.SeenAsync(alertId, cancellationToken);
        }
        catch (ServiceUnavailableException)
        {
            // The alert stays; the page says the Notifications service is not answering.
        }

        return Redirect("/caseworker");
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.CaseReader)).Succeeded)
        {
            // A page that says why, not a bare 403.
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Teams = [.. User.FindAll(SuiteAuthentication.TeamClaim).Select(c => c.Value)];
        SeesAllTeams = User.IsInRole(SuiteRoles.Manager);
        Show = Show is "me" or "team" or "nobody" ? Show : User.IsInRole(SuiteRoles.LinkWorker) ? "me" : "team";
        PageNumber = Math.Max(1, PageNumber);
        CaseStep? step = Enum.TryParse<CaseStep>(Step, out var parsed) && !int.TryParse(Step, out _) ? parsed : null;
        Step = step?.ToString();
        var assignedTo = Show switch { "me" => CaseFilter.Me, "nobody" => CaseFilter.Nobody, _ => null };
        if (SeesAllTeams && !string.IsNullOrWhiteSpace(Worker))
        {
            // A manager following a link worker's name from the team view: that worker's cases.
            assignedTo = Worker;
        }
        var services = new CaseServices(db, HttpContext, time);
        Cases = await services.FindCasesAsync(
            new CaseFilter(step, Urgent ? true : null, assignedTo, PageNumber, PageSize, Overdue ? true : null, Open: !Closed), cancellationToken, audit: false);
        Counts = await services.CountOpenCasesAsync(assignedTo, cancellationToken);
        SameDay = Show == "me" && PageNumber == 1
            ? await services.FindCasesAsync(new CaseFilter(null, true, null, 1, 10, Overdue: null, Open: true) { SameDayQueue = true }, cancellationToken, audit: false)
            : null;
        GpNotSent = PageNumber == 1
            ? await services.FindCasesAsync(new CaseFilter(null, null, Show == "me" ? CaseFilter.Me : null, 1, 10, Open: false) { GpNotSent = true }, cancellationToken, audit: false)
            : null;
        // Every case listed is audited as read, in one commit.
        var listed = Cases.Items.Concat(SameDay?.Items ?? []).Concat(GpNotSent?.Items ?? []).ToList();
        await services.AuditReadAsync(listed.Select(c => c.Id).Distinct(), cancellationToken);
        var referralIds = listed.Select(c => c.ReferralId).Distinct().ToList();
        var alerts = notifications.AlertsAsync(cancellationToken);
        try
        {
            PersonNames = referralIds.Count == 0 ? PersonNames : await intake.NamesAsync(referralIds, cancellationToken);
        }
        catch (ServiceUnavailableException)
        {
            PersonNamesUnavailable = true;
        }

        try
        {
            Alerts = await alerts;
        }
        catch (ServiceUnavailableException)
        {
            Alerts = null;
        }

        Names = await db.LinkWorkers.AsNoTracking().ToDictionaryAsync(w => w.UserId, w => w.DisplayName ?? w.UserName ?? w.UserId, cancellationToken);
        return Page();
    }

    /// <summary>An instant on the team's clocks.</summary>
    public string When(DateTimeOffset at, string format) => targets.Value.Show(at, format);

    /// <summary>The person's name for a listed case, when Intake gave it.</summary>
    public string? PersonName(CaseListItem item) => item is null ? null : PersonNames.GetValueOrDefault(item.ReferralId);

    /// <summary>The link worker's name, or the id when the roster does not know them.</summary>
    public string NameOf(string? userId) => userId is null ? "Not assigned" : Names.GetValueOrDefault(userId, userId);

    /// <summary>This page with one filter changed.</summary>
    public string Link(string? show = null, string? step = null, bool? urgent = null, bool? overdue = null, bool? closed = null, int page = 1)
    {
        var query = new List<string> { $"show={show ?? Show}" };
        if ((step ?? Step) is { Length: > 0 } s)
        {
            query.Add($"step={s}");
        }

        if (urgent ?? Urgent)
        {
            query.Add("urgent=true");
        }

        if (overdue ?? Overdue)
        {
            query.Add("overdue=true");
        }

        if (closed ?? Closed)
        {
            query.Add("closed=true");
        }

        if (page > 1)
        {
            query.Add($"pageNumber={page}");
        }

        return "/caseworker?" + string.Join('&', query);
    }

    /// <summary>Who referred, in words: <c>self</c> → <c>the person</c>, <c>gp</c> → <c>GP</c>.</summary>
    public static string SourceName(string source) => source switch
    {
        "self" => "the person",
        "phone" => "phone (call handler)",
        "gp" => "GP",
        _ => source,
    };

    /// <summary><c>AssessmentArranged</c> → <c>Assessment arranged</c>.</summary>
    public static string StepName(string step) =>
        string.Concat(step.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
