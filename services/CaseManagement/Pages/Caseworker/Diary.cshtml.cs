using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.Diary;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>
/// A link worker's diary: a day or a week of meetings across their cases (time, how or where, the person, a link to the
/// case), moved and cancelled meetings shown as such; a manager may open any team member's. A private calendar address
/// puts the same meetings (time, place, reference only) in Outlook.
/// </summary>
[Authorize]
public sealed class DiaryModel(CaseDbContext db, TimeProvider time, IAuthorizationService authorization, IOptions<ContactTargets> targets, IntakeClient intake)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Worker { get; set; }

    /// <summary>The first day shown (<c>YYYY-MM-DD</c>); the week's Monday, or today, when not given.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }

    /// <summary>The last day shown, for a longer list (at most <see cref="DiaryMeetings.MaxDays"/> days).</summary>
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    /// <summary><c>week</c> (the default) or <c>day</c>.</summary>
    [BindProperty(SupportsGet = true)] public string? View { get; set; }

    public bool Forbidden { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public DateOnly FirstDay { get; private set; }

    public DateOnly LastDay { get; private set; }

    /// <summary>Today on the team's clocks.</summary>
    public DateOnly Today { get; private set; }

    public IReadOnlyList<(DateOnly Day, IReadOnlyList<DiaryMeeting> Meetings)> Days { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> PersonNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Link workers a manager may choose between (empty for a link worker, who sees their own).</summary>
    public IReadOnlyList<(string UserId, string Name)> Team { get; private set; } = [];

    public string WhoseName { get; private set; } = "";

    public bool OwnDiary => Worker == HttpContext.Actor();

    /// <summary>The calendar address, just after it was made or reset (shown once: only its hash is kept).</summary>
    public string? FeedAddress => TempData["FeedAddress"] as string;

    public string Time(DateTimeOffset at) => targets.Value.Local(at).ToString("HH:mm", CultureInfo.GetCultureInfo("en-GB"));

    public static string DayName(DateOnly day) => day.ToString("dddd d MMMM", CultureInfo.GetCultureInfo("en-GB"));

    public string Link(DateOnly from, string view) =>
        $"/caseworker/diary?from={from:yyyy-MM-dd}&view={view}" + (OwnDiary ? "" : "&worker=" + Uri.EscapeDataString(Worker ?? ""));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await MayReadAsync())
        {
            return Page();
        }

        var today = Today = DateOnly.FromDateTime(targets.Value.Local(time.GetUtcNow()).Date);
        View = View == "day" ? "day" : "week";
        if (!TryDay(From, "from", out var from) | !TryDay(To, "to", out var to))
        {
            return Invalid();
        }

        FirstDay = from ?? (View == "day" ? today : today.AddDays(-(((int)today.DayOfWeek + 6) % 7)));
        LastDay = to ?? FirstDay.AddDays(View == "day" ? 0 : 6);
        if (DiaryMeetings.Check(FirstDay, LastDay) is { } mistake)
        {
            Errors[mistake.Field] = mistake.Message;
            return Invalid();
        }

        var meetings = await DiaryMeetings.ForAsync(db.Cases.VisibleTo(User), Worker!, targets.Value.InstantOf(FirstDay, TimeOnly.MinValue),
            targets.Value.InstantOf(LastDay.AddDays(1), TimeOnly.MinValue), cancellationToken);
        // The diary names the cases' people: each case shown is audited as read, as the caseload does.
        if (meetings.Count > 0)
        {
            await new CaseServices(db, HttpContext, time).AuditReadAsync(meetings.Select(m => m.CaseId).Distinct(), cancellationToken);
        }

        Days = [.. Enumerable.Range(0, LastDay.DayNumber - FirstDay.DayNumber + 1).Select(FirstDay.AddDays)
            .Select(day => (day, (IReadOnlyList<DiaryMeeting>)[.. meetings.Where(m => DateOnly.FromDateTime(targets.Value.Local(m.StartsAt).Date) == day)]))];
        try
        {
            var referrals = meetings.Select(m => m.ReferralId).Distinct().ToList();
            PersonNames = referrals.Count == 0 ? PersonNames : await intake.NamesAsync(referrals, cancellationToken);
        }
        catch (ServiceUnavailableException)
        {
            // References only: the person's names come from Referral Intake, which did not answer.
        }

        return Page();
    }

    /// <summary>Makes (or resets) the caller's private calendar address; the old one stops working.</summary>
    public async Task<IActionResult> OnPostFeedAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(SuiteRoles.LinkWorker) && !User.IsInRole(SuiteRoles.Manager))
        {
            return Forbid();
        }

        var token = await DiaryFeed.ResetAsync(db, HttpContext.Actor(), time.GetUtcNow(), cancellationToken);
        TempData["FeedAddress"] = $"{Request.Scheme}://{Request.Host}{DiaryFeed.Path}/{token}.ics";
        return Redirect("/caseworker/diary#calendar");
    }

    private async Task<bool> MayReadAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.CaseReader)).Succeeded)
        {
            Forbidden = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return false;
        }

        var workers = await db.LinkWorkers.AsNoTracking().OrderBy(w => w.DisplayName ?? w.UserName).ToListAsync();
        var me = HttpContext.Actor();
        // A manager may open any team member's diary; a link worker only their own.
        Worker = User.IsInRole(SuiteRoles.Manager) && !string.IsNullOrWhiteSpace(Worker) ? Worker : me;
        if (User.IsInRole(SuiteRoles.Manager))
        {
            Team = [.. workers.Select(w => (w.UserId, w.DisplayName ?? w.UserName ?? w.UserId))];
        }

        WhoseName = workers.FirstOrDefault(w => w.UserId == Worker) is { } whose ? whose.DisplayName ?? whose.UserName ?? Worker : Worker;
        return true;
    }

    private bool TryDay(string? text, string field, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year is >= 2000 and <= 2200)
        {
            day = parsed;
            return true;
        }

        Errors[field] = "Enter a date like 2026-12-07.";
        return false;
    }

    private PageResult Invalid()
    {
        ViewData["HasErrors"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
