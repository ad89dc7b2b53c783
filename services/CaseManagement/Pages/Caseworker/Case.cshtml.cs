using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.AssignCase;
using SocialPrescribing.CaseManagement.Features.ManageTasks;
using SocialPrescribing.CaseManagement.Features.Meetings;
using SocialPrescribing.CaseManagement.Features.MoveCase;
using SocialPrescribing.CaseManagement.Features.RecordContact;
using SocialPrescribing.CaseManagement.Features.RecordWhatMatters;
using SocialPrescribing.CaseManagement.Features.WriteNote;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>
/// One case for its link worker: who the person is, the journey as a stepper, a form for each thing
/// they do (move on, meet, contact, score, prescribe, note, task) and a timeline of everything so far.
/// Each form posts to a handler here that calls its use case's handler (Features/), the same one the
/// API's endpoint calls; mistakes come back next to the field with an error summary, and what was typed is kept.
/// </summary>
[Authorize]
public sealed partial class CaseModel(
    CaseDbContext db, TimeProvider time, IAuthorizationService authorization, IOptions<ContactTargets> targets,
    IntakeClient intake, DirectoryClient directory, WellbeingClient wellbeing, NotificationsClient notifications) : PageModel
{
    public CaseView? Case { get; private set; }

    public PersonDetails? Person { get; private set; }

    /// <summary>Why the person's details (or scores, or the directory) could not be shown just now.</summary>
    public List<string> Unavailable { get; } = [];

    public IReadOnlyList<InstrumentSummary> Progress { get; private set; } = [];

    public IReadOnlyList<Instrument> Instruments { get; private set; } = [];

    /// <summary>Every message about the case (to the person, to the provider, to staff), from the Notifications service.</summary>
    public IReadOnlyList<CaseMessage> Messages { get; private set; } = [];

    public DirectoryResults? Found { get; private set; }

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<LinkWorker> TeamLinkWorkers { get; private set; } = [];

    public GpSummary? GpSummary { get; private set; }

    /// <summary>Mistakes by field id (the id of the input to go to).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A change refused as the case stands (409): shown at the top.</summary>
    public string? Refusal { get; private set; }

    public bool Forbidden { get; private set; }

    public bool IsManager => User.IsInRole(SuiteRoles.Manager);

    public string Me => HttpContext.Actor();

    public Instrument? ChosenInstrument => Instruments.FirstOrDefault(i => i.Id == InstrumentId);

    public ContactTargets Clock => targets.Value;

    private CaseServices Services => new(db, HttpContext, time);

    private DateTimeOffset Now => time.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostMoveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<CaseStep>(To, out var step) || int.TryParse(To, out _))
        {
            Errors["to"] = "Choose where the case goes next.";
            return ShowAsync(id, cancellationToken);
        }

        return ChangeAsync(id, "moved", "reason", () => MoveCaseHandler.MoveAsync(Services, id, step, Reason, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostBookAsync(Guid id, CancellationToken cancellationToken) =>
        MeetingAsync(id, "book", "booked", (startsAt) => MeetingHandler.BookAsync(Services, id, startsAt, MeetingMinutes, MeetingMode, MeetingPlace, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRebookAsync(Guid id, CancellationToken cancellationToken) =>
        MeetingAsync(id, $"move-{AppointmentId}", "rebooked",
            (startsAt) => MeetingHandler.MoveAsync(Services, id, AppointmentId ?? Guid.Empty, startsAt, MeetingMinutes, MeetingMode, MeetingPlace, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCancelMeetingAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "cancelled", $"cancel-{AppointmentId}-reason",
            () => MeetingHandler.CancelAsync(Services, id, AppointmentId ?? Guid.Empty, Limit(Reason, 500), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostContactAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, Risk == "yes" ? "risk" : "contact", "contact-outcome",
            () => RecordContactHandler.RecordAsync(Services, Clock, id, null, ContactMode, Outcome, AppointmentId, Text, Risk == "yes", cancellationToken), cancellationToken,
            field => field switch { "appointmentId" => "contact-appointment", "mode" => "contact-mode", "note" => "contact-note", "risk" => "contact-risk", _ => "contact-outcome" });

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "note", "note-text", () => WriteNoteHandler.WriteAsync(Services, id, Text, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostTaskAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(TaskDue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            Errors["task-due"] = "Enter the date it is due, for example 2026-12-01.";
            return ShowAsync(id, cancellationToken);
        }

        return ChangeAsync(id, "task", "task-description", () => TaskHandler.SetAsync(Services, id, TaskDescription, Clock.EndOfDay(due), cancellationToken), cancellationToken,
            field => field == "dueOn" ? "task-due" : "task-description");
    }

    public Task<IActionResult> OnPostTaskDoneAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "taskDone", "tasks", () => TaskHandler.CompleteAsync(Services, id, TaskId ?? Guid.Empty, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostWhatMattersAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "whatMatters", "what-matters", () => RecordWhatMattersHandler.RecordAsync(Services, id, WhatMatters, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!IsManager)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(AssignTo))
        {
            Errors["assign-to"] = "Choose the link worker.";
            return await ShowAsync(id, cancellationToken);
        }

        return await AfterAsync(id, await AssignCaseHandler.AssignAsync(Services, id, AssignTo.Trim(), cancellationToken), "assigned", _ => "assign-to", "assign-to", cancellationToken);
    }

    public async Task<IActionResult> OnPostTakeAsync(Guid id, CancellationToken cancellationToken) =>
        !User.IsInRole(SuiteRoles.LinkWorker)
            ? Forbid()
            : await ChangeAsync(id, "taken", "take", () => AssignCaseHandler.TakeAsync(Services, id, cancellationToken), cancellationToken);

    private Task<IActionResult> MeetingAsync(
        Guid id, string prefix, string done, Func<DateTimeOffset, Task<CaseChangeResult>> change, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(MeetingDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Errors[$"{prefix}-date"] = "Enter the date of the meeting, for example 2026-12-01.";
        }

        if (!TimeOnly.TryParseExact(MeetingTime, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            Errors[$"{prefix}-time"] = "Enter the time it starts, for example 10:30.";
        }

        if (Errors.Count > 0)
        {
            return ShowAsync(id, cancellationToken);
        }

        return ChangeAsync(id, done, $"{prefix}-date", () => change(Clock.InstantOf(date, at)), cancellationToken, field => field switch
        {
            "durationMinutes" => $"{prefix}-minutes",
            "mode" => $"{prefix}-mode",
            "place" => $"{prefix}-place",
            _ => $"{prefix}-date",
        });
    }

    private async Task<IActionResult> ChangeAsync(
        Guid id, string done, string field, Func<Task<CaseChangeResult>> change, CancellationToken cancellationToken,
        Func<string, string>? fieldFor = null)
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.CaseReader)).Succeeded)
        {
            return Forbid();
        }

        var result = await change();
        return await AfterAsync(id, result, done, fieldFor ?? (_ => field), field, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(
        Guid id, CaseChangeResult result, string done, Func<string, string> fieldFor, string field, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case CaseChangeStatus.Done:
                return Redirect($"/caseworker/cases/{id}?done={done}");
            case CaseChangeStatus.NotFound:
                return NotFound();
            case CaseChangeStatus.Invalid:
                Errors[fieldFor(result.Field ?? field)] = result.Detail ?? "Check this.";
                break;
            default:
                Refusal = result.Detail;
                break;
        }

        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.CaseReader)).Succeeded)
        {
            Forbidden = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        // One load serves the view and, once closed, the GP summary.
        var found = await Services.LoadVisibleAsync(id, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Case = CaseView.Of(found, Now) with { Concerns = await ConcernView.OfCaseAsync(db, id, Now, cancellationToken) };
        GpSummary = found.IsClosed ? Model.GpSummary.Of(found) : null;

        // The other services are asked first, so they answer while this one writes its audit entry.
        var person = Attempt<PersonDetails?>(() => intake.PersonAsync(Case.ReferralId, cancellationToken), "The person's details");
        var progress = Attempt(() => wellbeing.ProgressAsync(id, cancellationToken), "The wellbeing scores");
        var messages = Attempt(() => notifications.CaseMessagesAsync(id, cancellationToken), "The messages sent to the person");
        var instruments = Instruments.Count > 0 ? Task.FromResult<IReadOnlyList<Instrument>?>(Instruments)
            : Attempt(() => wellbeing.InstrumentsAsync(cancellationToken), "The questionnaires");
        var search = !string.IsNullOrWhiteSpace(Search) || !string.IsNullOrWhiteSpace(Need)
            ? Attempt(() => directory.SearchAsync(Search, Need, Case.Area, cancellationToken), "The service directory")
            : Task.FromResult<DirectoryResults?>(null);
        await Services.AuditReadAsync([id], cancellationToken);
        var workers = await db.LinkWorkers.AsNoTracking().ToListAsync(cancellationToken);
        Names = workers.ToDictionary(w => w.UserId, w => w.Name, StringComparer.Ordinal);
        TeamLinkWorkers = [.. workers.Where(w => w.Active && w.Teams.Contains(Case.Team)).OrderBy(w => w.Name, StringComparer.Ordinal)];
        Person = await person;
        Progress = await progress ?? [];
        Messages = await messages ?? [];
        Instruments = await instruments ?? [];
        Found = await search;
        GivenName ??= Person?.GivenName;
        WhatMatters ??= Case.WhatMatters;
        CompletedOn ??= DateOnly.FromDateTime(Clock.Local(Now).Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Errors.Count > 0 || Refusal is not null)
        {
            ViewData["HasErrors"] = true;
        }

        return Page();
    }

    private async Task<T?> Attempt<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (ServiceUnavailableException)
        {
            Unavailable.Add($"{what} could not be loaded just now. Everything else on this page is up to date; reload to try again.");
            return default;
        }
    }

    private async Task<bool> CanSeeAsync(Guid id, CancellationToken cancellationToken) =>
        (await authorization.AuthorizeAsync(User, AccessPolicies.CaseReader)).Succeeded
        && await db.Cases.AsNoTracking().VisibleTo(User).AnyAsync(c => c.Id == id, cancellationToken);

    private static string? Limit(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var trimmed && trimmed.Length > max ? trimmed[..max] : text.Trim();
}
