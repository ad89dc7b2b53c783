using System.Globalization;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>The case page's words: step, mode and outcome names, dates on the team's clock, the timeline, what a finished action says.</summary>
public sealed partial class CaseModel
{
    /// <summary>Plain words for the step names: <c>AssessmentArranged</c> → <c>Assessment arranged</c>.</summary>
    public static string StepName(string step) => CaseloadModel.StepName(step);

    /// <summary>Where the GP summary has got to, in words (Referral Intake sends it to the practice's system).</summary>
    public static string GpDeliveryWords(GpDeliveryView? delivery)
    {
        var practice = delivery?.Practice is null ? "the GP" : $"the GP (practice {delivery.Practice})";
        return delivery?.Status switch
        {
            GpDeliveryStatus.Acknowledged => $"Sent to {practice}, acknowledged. {delivery.Detail}",
            GpDeliveryStatus.Failed => $"Sending to {practice} failed after {delivery.Attempts} attempts: {delivery.Detail} Give the GP the summary another way.",
            GpDeliveryStatus.NotSent => $"Not sent: {delivery.Detail}",
            GpDeliveryStatus.Sending when delivery.Attempts > 0 => $"Sending to {practice}: attempt {delivery.Attempts} failed ({delivery.Detail}); trying again.",
            GpDeliveryStatus.Sending => $"Sending to {practice}.",
            _ => "Closed before summaries were sent to GP systems: read it from the FHIR address above.",
        };
    }

    public string NameOf(string? userId) =>
        userId is null ? "nobody yet" : userId == Model.Case.ReferrerActor ? "the referrer" : Names.GetValueOrDefault(userId, userId);

    /// <summary>Who decided on a safeguarding concern: the lead is not a link worker of the roster.</summary>
    public string LeadName(string? userId) => userId is not null && Names.TryGetValue(userId, out var name) ? name : "the safeguarding lead";

    public string When(DateTimeOffset at) => Clock.Show(at);

    public string Day(DateTimeOffset at) => Clock.Show(at, "d MMM yyyy");

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>Everything that happened on the case, newest first.</summary>
    public IReadOnlyList<TimelineEntry> Timeline()
    {
        var c = Case!;
        List<TimelineEntry> entries =
        [
            new(c.OpenedAt, "Referral received", $"Referred by {CaseloadModel.SourceName(c.Source)} ({c.Channel}); looking for help with {string.Join(", ", c.Needs)}.", null),
            .. c.AlsoReferred.Select(r => new TimelineEntry(r.ReceivedAt, "Referred again", $"Also referred by {CaseloadModel.SourceName(r.Source)} ({r.Reference}).", null)),
            .. c.History.Select(h => new TimelineEntry(h.At, $"Moved to {StepName(h.To)}", h.Reason, h.By)),
            .. c.Appointments.Select(a => new TimelineEntry(a.BookedAt, "Meeting booked", $"{ModeName(a.Mode)} on {When(a.StartsAt)}{(a.Place is null ? "" : " at " + a.Place)}", a.BookedBy)),
            .. c.Appointments.Where(a => a.Status == Appointment.Cancelled && a.ChangedAt is not null)
                .Select(a => new TimelineEntry(a.ChangedAt!.Value, "Meeting cancelled", a.CancelReason, a.ChangedBy)),
            .. c.Contacts.Select(x => new TimelineEntry(x.At, $"Contact: {OutcomeName(x.Outcome)}{(x.Risk ? ", risk recorded" : "")}", $"{ModeName(x.Mode)}{(x.Note is null ? "" : ". " + x.Note)}", x.By)),
            .. c.Notes.Select(n => new TimelineEntry(n.At, "Note", n.Text, n.By)),
            .. c.Tasks.Select(t => new TimelineEntry(t.CreatedAt, "Task set", $"{t.Description} (due {Day(t.DueBy)})", t.CreatedBy)),
            .. c.Tasks.Where(t => t.DoneAt is not null).Select(t => new TimelineEntry(t.DoneAt!.Value, "Task done", t.Description, t.DoneBy)),
            .. c.Prescriptions.Select(p => new TimelineEntry(p.RequestedAt, "Referred to a service", p.ServiceName, p.RequestedBy)),
            .. c.Prescriptions.Where(p => p.Status != ProviderReferralStatus.Requested)
                .Select(p => new TimelineEntry(p.UpdatedAt, $"Provider {p.Status}", $"{p.ServiceName}{(p.Reason is null ? "" : ": " + p.Reason)}", null)),
            .. c.Scores.Select(s => new TimelineEntry(new DateTimeOffset(s.CompletedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), $"Wellbeing scored ({s.Timepoint})",
                $"{s.Instrument}{(s.Score is null ? "" : ": " + s.Score.Value.ToString("0.##", CultureInfo.InvariantCulture))}", null)),
            .. c.Concerns.Select(x => new TimelineEntry(x.RaisedAt, "Safeguarding concern raised",
                $"{(x.Subject == SafeguardingConcern.Child ? "A child" : "An adult")}: {x.CategoryName}.{(x.ImmediateDanger ? " Someone in immediate danger: urgent." : "")} Due by {When(x.DueBy)}.", x.RaisedBy)),
            .. c.Concerns.Where(x => x.DecidedAt is not null).Select(x => new TimelineEntry(x.DecidedAt!.Value, $"Safeguarding decision: {x.DecisionName}",
                $"{(x.Reference is null ? "" : $"Local authority reference {x.Reference}. ")}{x.Reason}", null) { ByName = LeadName(x.DecidedBy) }),
            .. c.Concerns.Where(x => x.DecidedAt is not null).Select(x => new TimelineEntry(x.DecidedAt!.Value, "Safeguarding concern closed", null, null) { ByName = LeadName(x.DecidedBy) }),
            .. Messages.Where(m => m.SentAt is not null).Select(m => new TimelineEntry(m.SentAt!.Value, $"{ChannelName(m.Channel)} sent: {m.Title}", MessageStatus(m), null)),
        ];
        return [.. entries.OrderByDescending(e => e.At)];
    }

    public static string ChannelName(string? channel) => channel switch
    {
        "email" => "Email",
        "text" => "Text",
        "letter" => "Letter",
        _ => "Message",
    };

    /// <summary>"sent 18:02, delivered 18:03", "due 7 Dec 2026, 10:00", "not sent: they asked for no more messages".</summary>
    public string MessageStatus(CaseMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var status = message.Status switch
        {
            "pending" => $"due {When(message.DueAt)}",
            "sent" => $"sent {When(message.SentAt!.Value)}",
            "delivered" => $"sent {When(message.SentAt ?? message.CreatedAt)}, delivered {When(message.DeliveredAt ?? message.SentAt ?? message.CreatedAt)}",
            "undelivered" => "could not be delivered",
            "failed" => "failed after every attempt (a manager can send it again)",
            "not-sent" => "not sent",
            "cancelled" => "cancelled",
            _ => message.Status,
        };
        return message.Problem is null || message.Status is "sent" or "delivered" ? status : $"{status}: {message.Problem}";
    }

    public static string ModeName(string mode) => mode switch
    {
        "faceToFace" => "Face to face",
        "phone" => "Phone",
        "video" => "Video",
        "text" => "Text message",
        "email" => "Email",
        "letter" => "Letter",
        _ => mode,
    };

    public static string OutcomeName(string outcome) => outcome switch
    {
        ContactAttempt.Reached => "reached",
        ContactAttempt.NoAnswer => "no answer",
        ContactAttempt.DidNotAttend => "did not attend",
        _ => outcome,
    };

    /// <summary>What a finished action says at the top of the page.</summary>
    public string? DoneMessage => Done switch
    {
        "moved" => "The case has moved on.",
        "booked" => "The meeting is booked.",
        "rebooked" => "The meeting has moved.",
        "cancelled" => "The meeting is cancelled.",
        "contact" => "The contact attempt is recorded.",
        "risk" => "The contact is recorded with the risk: the case is urgent again, in the same-day queue, with a review to do today (see Tasks). If anyone is in immediate danger, call 999 now.",
        "concern" => "The safeguarding concern is raised. The safeguarding lead has been told and must act on it by the end of the next working day.",
        "concern999" => "The safeguarding concern is raised as urgent. The safeguarding lead has been told and must act on it within the hour.",
        "note" => "The note is saved.",
        "task" => "The task is set.",
        "taskDone" => "The task is done.",
        "whatMatters" => "What matters to the person is saved.",
        "prescribed" => "The provider has been asked to take the person on. Their answer will show here.",
        "withdrawn" => "The request is withdrawn and the provider told. You can choose another service below.",
        "scored" => "The scores are recorded.",
        "assigned" => "The case has a new link worker.",
        "taken" => "The case is yours.",
        _ => null,
    };
}

/// <summary>One thing that happened on the case.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string What, string? Detail, string? By)
{
    /// <summary>Who did it, in words, when <see cref="By"/> is not someone the roster names (the safeguarding lead).</summary>
    public string? ByName { get; init; }
}
