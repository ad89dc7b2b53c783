using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features;

/// <summary>One case in full: the journey, what was done, what is due and what is missing for the next step.</summary>
public sealed record CaseView(
    Guid Id, Guid ReferralId, string Reference, string Step, bool Urgent, string Team, string? AssignedTo,
    string Channel, string Source, IReadOnlyList<string> Needs, string ShareWithGp, string? Area, string? WhatMatters,
    DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, IReadOnlyList<LinkedReferral> AlsoReferred, DateTimeOffset? FlaggedUrgentAt,
    DateTimeOffset FirstContactDueBy, DateTimeOffset? FirstContactAt, bool Overdue, bool Closed,
    IReadOnlyList<NextStepView> NextSteps, int FailedAttemptsInARow, string? SuggestedExit,
    IReadOnlyList<StepChangeView> History, IReadOnlyList<PrescriptionView> Prescriptions, IReadOnlyList<CaseTaskView> Tasks,
    IReadOnlyList<ScoreTaken> Scores, IReadOnlyList<AppointmentView> Appointments, IReadOnlyList<ContactView> Contacts, IReadOnlyList<NoteView> Notes)
{
    /// <summary>The case's safeguarding concerns, open first (shown to everyone who may see the case: its team and managers).</summary>
    public IReadOnlyList<ConcernView> Concerns { get; init; } = [];

    /// <summary>Where the GP summary has got to (null until the case closes with something to share).</summary>
    public GpDeliveryView? GpDelivery { get; init; }

    /// <summary>When the same-day review of a risk recorded at a contact is due, while it is not done.</summary>
    public DateTimeOffset? SameDayReviewDueBy { get; init; }

    /// <summary>The language the person would like us to use (<c>en</c> or <c>cy</c>): staff screens are English but say so.</summary>
    public string Language { get; init; } = Case.English;

    public static CaseView Of(Case c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CaseView(c.Id, c.ReferralId, c.Reference, c.Step.ToString(), c.Urgent, c.Team, c.AssignedTo, c.Channel, c.Source, c.Needs, c.SharingWithGp,
            c.Area, c.WhatMatters, c.OpenedAt, c.UpdatedAt, c.AlsoReferred, c.FlaggedUrgentAt, c.FirstContactDueBy, c.FirstContactAt, c.IsOverdue(now), c.IsClosed,
            [.. c.AllowedNextSteps.Select(s => new NextStepView(s.ToString(), Case.Exits.Contains(s), Case.Exits.Contains(s) ? null : c.MissingEvidenceFor(s, null)))],
            c.FailedAttemptsInARow, c.SuggestUnableToContact ? nameof(CaseStep.UnableToContact) : null,
            [.. c.History.OrderBy(h => h.At).Select(h => new StepChangeView(h.From.ToString(), h.To.ToString(), h.By, h.Reason, h.At))],
            [.. c.Prescriptions.OrderBy(p => p.RequestedAt).Select(p => new PrescriptionView(p.Id, p.ServiceId, p.ServiceName, p.Status, p.Reason, p.RequestedBy, p.RequestedAt, p.UpdatedAt, p.Position))],
            [.. c.Tasks.OrderBy(t => t.DoneAt is not null).ThenBy(t => t.DueBy)
                .Select(t => new CaseTaskView(t.Id, t.Kind, t.Description, t.ServiceId, t.CreatedAt, t.CreatedBy, t.DueBy, t.DoneAt, t.DoneBy, t.IsOverdue(now)))],
            [.. c.Scores.OrderBy(w => w.CompletedOn)],
            [.. c.Appointments.OrderBy(a => a.StartsAt)
                .Select(a => new AppointmentView(a.Id, a.StartsAt, a.DurationMinutes, a.EndsAt, a.Mode, a.Place, a.Status, a.CancelReason, a.BookedBy, a.BookedAt, a.ChangedBy, a.ChangedAt))],
            [.. c.Contacts.OrderBy(x => x.At).Select(x => new ContactView(x.Id, x.At, x.Mode, x.Outcome, x.AppointmentId, x.Note, x.By, x.RecordedAt, x.Risk))],
            [.. c.Notes.OrderBy(n => n.At).Select(n => new NoteView(n.Id, n.Text, n.By, n.At))])
        {
            SameDayReviewDueBy = c.OpenRiskReview?.DueBy,
            Language = c.Language,
            GpDelivery = c.GpDeliveryStatus is { } status ? new GpDeliveryView(status, c.GpDeliveryPractice, c.GpDeliveryDetail, c.GpDeliveryAttempts, c.GpDeliveryAt) : null,
        };
    }

    /// <summary>The case the caller may see, in full with its safeguarding concerns, or null.</summary>
    internal static async Task<CaseView?> FindAsync(
        Infrastructure.CaseDbContext db, IQueryable<Case> cases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await cases.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(cancellationToken) is not { } found)
        {
            return null;
        }

        return Of(found, now) with { Concerns = await ConcernView.OfCaseAsync(db, found.Id, now, cancellationToken) };
    }
}

/// <summary>Where the case may go next; for a journey step, what must be recorded first (null when nothing).</summary>
public sealed record NextStepView(string Step, bool Exit, string? Missing);

/// <summary>Something for the link worker to do on the case.</summary>
public sealed record CaseTaskView(
    Guid Id, string Kind, string Description, Guid? ServiceId, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset DueBy, DateTimeOffset? DoneAt, string? DoneBy, bool Overdue);

/// <summary>A community service the person was referred to, and the provider's answer so far (<see cref="Position"/>: on its waiting list, 1 is next).</summary>
public sealed record PrescriptionView(
    Guid Id, Guid ServiceId, string? ServiceName, string Status, string? Reason, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt,
    int? Position = null);

/// <summary>One move of the case: who made it, when and why.</summary>
public sealed record StepChangeView(string From, string To, string By, string? Reason, DateTimeOffset At);

public sealed record AppointmentView(Guid Id, DateTimeOffset StartsAt, int DurationMinutes, DateTimeOffset EndsAt, string Mode, string? Place, string Status,
    string? CancelReason, string BookedBy, DateTimeOffset BookedAt, string? ChangedBy, DateTimeOffset? ChangedAt);

public sealed record ContactView(Guid Id, DateTimeOffset At, string Mode, string Outcome, Guid? AppointmentId, string? Note, string By, DateTimeOffset RecordedAt, bool Risk);

public sealed record NoteView(Guid Id, string Text, string By, DateTimeOffset At);

/// <summary>The GP summary's delivery: <c>sending</c>, <c>acknowledged</c>, <c>failed</c> or <c>not-sent</c>, the practice, what happened.</summary>
public sealed record GpDeliveryView(string Status, string? Practice, string? Detail, int Attempts, DateTimeOffset? At);
