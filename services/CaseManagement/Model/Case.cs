using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>One person's journey with a link worker for one episode, opened from one referral.</summary>
public sealed class Case
{
    public Guid Id { get; private set; }

    public Guid ReferralId { get; private set; }

    public string Reference { get; private set; } = "";

    public CaseStep Step { get; private set; }

    public bool Urgent { get; private set; }

    public string Channel { get; private set; } = "";

    public string Source { get; private set; } = "";

    public List<string> Needs { get; private set; } = [];

    public string ShareWithGp { get; private set; } = "none";

    /// <summary>Points at the person's details, which Referral Intake holds.</summary>
    public Guid PersonReference { get; private set; }

    /// <summary>The link worker team covering the person's area; its members see the case.</summary>
    public string Team { get; private set; } = "";

    public string? AssignedTo { get; private set; }

    /// <summary>Later referrals of the same person while this case is open ("also referred by … on …").</summary>
    public List<LinkedReferral> AlsoReferred { get; private set; } = [];

    /// <summary>When a red-flag answer put the case in the same-day queue.</summary>
    public DateTimeOffset? FlaggedUrgentAt { get; private set; }

    /// <summary>Every move along the journey: who, when and why.</summary>
    public List<StepChange> History { get; private set; } = [];

    /// <summary>The social prescription: community services asked to take the person on, and their answers.</summary>
    public List<Prescription> Prescriptions { get; private set; } = [];

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The person's postcode district (<c>LS6</c>): enough to search the directory near them, identifying no one.</summary>
    public string? Area { get; private set; }

    /// <summary>What matters to the person, in their words, recorded while co-producing the social prescription.</summary>
    public string? WhatMatters { get; private set; }

    public const int MaxWhatMattersLength = 4000;

    /// <summary>When the person must first be reached (<see cref="ContactTargets"/>).</summary>
    public DateTimeOffset FirstContactDueBy { get; private set; }

    /// <summary>When the person was first reached (the earliest contact attempt that reached them).</summary>
    public DateTimeOffset? FirstContactAt { get; private set; }

    public List<Appointment> Appointments { get; private set; } = [];

    public List<ContactAttempt> Contacts { get; private set; } = [];

    public List<CaseNote> Notes { get; private set; } = [];

    /// <summary>Changes when the row does (PostgreSQL's xmin): two people changing one case at once cannot both win.</summary>
    public uint Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    private Case()
    {
    }

    public static Case Open(ReferralSubmitted referral, string team, ContactTargets targets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(referral);
        var opened = new Case
        {
            Id = Guid.CreateVersion7(now),
            ReferralId = referral.ReferralId,
            Reference = referral.Reference,
            Step = CaseStep.Referral,
            Urgent = referral.Urgent,
            Channel = referral.Channel,
            Source = referral.Source,
            Needs = [.. referral.Needs],
            ShareWithGp = referral.Consent.ShareWithGp,
            PersonReference = referral.PersonReference,
            Team = team,
            Area = referral.Area?.Trim().ToUpperInvariant(),
            FirstContactDueBy = targets.FirstContactDue(now, referral.Urgent),
            OpenedAt = now,
            UpdatedAt = now,
        };
        opened.CheckInAboutChosenService(referral, now);
        return opened;
    }

    /// <summary>Adds a repeat referral of the same person to this case (once); an urgent one makes the case urgent.</summary>
    public void AddReferral(ReferralSubmitted referral, ContactTargets targets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.ReferralId == ReferralId || AlsoReferred.Any(r => r.ReferralId == referral.ReferralId))
        {
            return;
        }

        AlsoReferred.Add(new LinkedReferral(referral.ReferralId, referral.Reference, referral.Channel, referral.Source, referral.Urgent, referral.OccurredAt));
        if (referral.Urgent)
        {
            FlagUrgent(targets, now);
        }

        UpdatedAt = now;
        CheckInAboutChosenService(referral, now);
    }

    /// <summary>Wellbeing questionnaires scored for this case (from Wellbeing Metrics' events): the evidence of the journey's measuring steps.</summary>
    public List<ScoreTaken> Scores { get; private set; } = [];

    /// <summary>Notes a wellbeing score taken for the case (once per assessment, whatever order the events come in).</summary>
    public void RecordScore(WellbeingRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (Scores.Any(s => s.AssessmentId == recorded.AssessmentId))
        {
            return;
        }

        Scores.Add(new ScoreTaken(recorded.AssessmentId, recorded.Instrument, recorded.Timepoint, recorded.FollowUp, recorded.Mode, recorded.CompletedOn, recorded.Score));
        UpdatedAt = recorded.OccurredAt > UpdatedAt ? recorded.OccurredAt : UpdatedAt;
    }

    /// <summary>Things for the link worker to do on this case, done or not.</summary>
    public List<CaseTask> Tasks { get; private set; } = [];

    /// <summary>The person chose a directory service before referring themselves: a task to check in about it.</summary>
    private void CheckInAboutChosenService(ReferralSubmitted referral, DateTimeOffset now)
    {
        if (referral.ChosenServiceId is { } serviceId && !Tasks.Any(t => t.Kind == CaseTask.CheckIn && t.ServiceId == serviceId))
        {
            Tasks.Add(CaseTask.CheckInAbout(serviceId, referral.Reference, now));
        }
    }

    /// <summary>True once the case has reached an exit (declined, unable to contact, not appropriate, withdrawn).</summary>
    public bool HasExited => Step is CaseStep.Declined or CaseStep.UnableToContact or CaseStep.NotAppropriate or CaseStep.Withdrawn;

    /// <summary>
    /// The referrer cancelled one of the case's referrals. A joined repeat is simply dropped; the
    /// case's own referral withdraws the case unless another referral of the person keeps it open.
    /// Returns the events of the case's end, if it ended.
    /// </summary>
    public IReadOnlyList<IIntegrationEvent> WithdrawReferral(Guid referralId, DateTimeOffset now)
    {
        if (AlsoReferred.RemoveAll(r => r.ReferralId == referralId) > 0)
        {
            UpdatedAt = now;
            return [];
        }

        return referralId == ReferralId && AlsoReferred.Count == 0 && !IsClosed
            ? MoveTo(CaseStep.Withdrawn, ReferrerActor, "The referrer withdrew the referral.", now)
            : [];
    }

    /// <summary>Who moved a case when its referrer withdrew the referral.</summary>
    public const string ReferrerActor = "referrer";

    /// <summary>A red flag on any of the case's referrals: same-day queue.</summary>
    public void FlagUrgent(ContactTargets targets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Urgent = true;
        FlaggedUrgentAt ??= now;
        var sameDay = targets.FirstContactDue(now, urgent: true);
        FirstContactDueBy = sameDay < FirstContactDueBy ? sameDay : FirstContactDueBy;
        UpdatedAt = now;
    }

    /// <summary>The journey's steps in order; a case moves one step at a time.</summary>
    public static IReadOnlyList<CaseStep> Journey => JourneySteps;

    private static readonly CaseStep[] JourneySteps =
    [
        CaseStep.Referral, CaseStep.AssessmentArranged, CaseStep.BaselineMetrics, CaseStep.SocialPrescription,
        CaseStep.FurtherVisits, CaseStep.HealthRiskReduced, CaseStep.Outcomes,
    ];

    /// <summary>The ways out of the journey, open from any step before Outcomes.</summary>
    public static readonly IReadOnlyList<CaseStep> Exits = [CaseStep.Declined, CaseStep.UnableToContact, CaseStep.NotAppropriate, CaseStep.Withdrawn];

    /// <summary>Closed: the journey reached Outcomes or took an exit. A closed case moves no further.</summary>
    public bool IsClosed => Step == CaseStep.Outcomes || HasExited;

    /// <summary>Where the case may go next: the following step of the journey, or an exit; nowhere once closed.</summary>
    public IReadOnlyList<CaseStep> AllowedNextSteps =>
        IsClosed ? [] : [JourneySteps[Array.IndexOf(JourneySteps, Step) + 1], .. Exits];

    /// <summary>Every referral this case holds: its own, then joined repeats.</summary>
    public IReadOnlyList<Guid> ReferralIds => [ReferralId, .. AlsoReferred.Select(r => r.ReferralId)];

    /// <summary>
    /// Moves the case to <paramref name="to"/>, recording who and why. Refuses a move that is not in
    /// <see cref="AllowedNextSteps"/>, and an exit without a reason. Returns the events to publish:
    /// the step change, and the closing when the case has ended.
    /// </summary>
    public IReadOnlyList<IIntegrationEvent> MoveTo(CaseStep to, string by, string? reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (!AllowedNextSteps.Contains(to))
        {
            throw new IllegalStepException(Step, to, AllowedNextSteps);
        }

        if (MissingEvidenceFor(to, reason) is { } missing)
        {
            throw new StepEvidenceMissingException(to, missing);
        }

        var from = Step;
        Step = to;
        UpdatedAt = now;
        History.Add(new StepChange(from, to, by, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), now));
        var changed = new CaseStepChanged(Guid.CreateVersion7(now), now, Id, ReferralIds, from.ToString(), to.ToString());
        return IsClosed
            ? [changed, new CaseClosed(Guid.CreateVersion7(now), now, Id, ReferralIds, to.ToString())]
            : [changed];
    }

    /// <summary>What must be recorded before the case may move to <paramref name="to"/>, or null when nothing is missing.</summary>
    public string? MissingEvidenceFor(CaseStep to, string? reason) => to switch
    {
        _ when Exits.Contains(to) && string.IsNullOrWhiteSpace(reason) => "a reason: say why the case ends here",
        CaseStep.AssessmentArranged when !Appointments.Any(a => a.Status != Appointment.Cancelled) && !Contacts.Any(c => !c.Failed) =>
            "an appointment or a contact that reached the person: book the first meeting or record the contact",
        CaseStep.BaselineMetrics when !Scores.Any(s => s.Timepoint == WellbeingTimepoints.Baseline) =>
            "a baseline wellbeing score: record the questionnaire the person answered at the first meeting",
        CaseStep.SocialPrescription when !Prescriptions.Any(p => p.Status is not (ProviderReferralStatus.Declined or ProviderReferralStatus.Expired)) =>
            "a prescription: refer the person to at least one community service (one not declined)",
        CaseStep.Outcomes when !Scores.Any(s => s.Timepoint == WellbeingTimepoints.Final) && string.IsNullOrWhiteSpace(reason) =>
            "a final wellbeing score, or a reason why there is none",
        _ => null,
    };

    /// <summary>Failed contact attempts since the person was last reached.</summary>
    public int FailedAttemptsInARow => Contacts.OrderByDescending(c => c.At).TakeWhile(c => c.Failed).Count();

    /// <summary>After <see cref="ContactAttempt.FailuresBeforeSuggestingExit"/> failed attempts in a row an open case is suggested for UnableToContact.</summary>
    public bool SuggestUnableToContact => !IsClosed && FailedAttemptsInARow >= ContactAttempt.FailuresBeforeSuggestingExit;

    /// <summary>Late: the person not reached by the first-contact target, or a task past its due time.</summary>
    public bool IsOverdue(DateTimeOffset now) =>
        !IsClosed && ((FirstContactAt is null && FirstContactDueBy < now) || Tasks.Any(t => t.IsOverdue(now)));

    /// <summary>Books a meeting with the person; refused when it overlaps another of the case's meetings or one in <paramref name="otherBookings"/> (the link worker's other cases).</summary>
    public Appointment Book(AppointmentTime time, IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> otherBookings, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(time);
        EnsureOpen();
        EnsureFree(time, otherBookings, except: null);
        var booked = Appointment.Book(time, by, now);
        Appointments.Add(booked);
        UpdatedAt = now;
        return booked;
    }

    /// <summary>Moves a booked meeting to another time (or mode, or place).</summary>
    public void MoveAppointment(Guid appointmentId, AppointmentTime time, IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> otherBookings, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(time);
        EnsureOpen();
        var appointment = BookedAppointment(appointmentId);
        EnsureFree(time, otherBookings, except: appointmentId);
        appointment.Move(time, by, now);
        UpdatedAt = now;
    }

    public void CancelAppointment(Guid appointmentId, string? reason, string by, DateTimeOffset now)
    {
        EnsureOpen();
        BookedAppointment(appointmentId).Cancel(string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), by, now);
        UpdatedAt = now;
    }

    /// <summary>Records a try at reaching the person; the first that reaches them is the case's first contact.</summary>
    public ContactAttempt RecordContact(ContactRecord contact, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contact);
        EnsureOpen();
        if (contact.At < OpenedAt.AddDays(-1))
        {
            throw new CaseInputException("at", "A contact attempt cannot be before the case was opened.");
        }

        if (contact.AppointmentId is { } appointmentId)
        {
            var meeting = Appointments.SingleOrDefault(a => a.Id == appointmentId && a.Status != Appointment.Cancelled)
                          ?? throw new CaseInputException("appointmentId", "No booked meeting of this case has that id.");
            meeting.Record(contact.Outcome, by, now);
        }
        else if (contact.Outcome == ContactAttempt.DidNotAttend)
        {
            throw new CaseInputException("appointmentId", "Say which meeting the person did not come to.");
        }

        var attempt = ContactAttempt.Record(contact, by, now);
        Contacts.Add(attempt);
        if (!attempt.Failed && (FirstContactAt is null || attempt.At < FirstContactAt))
        {
            FirstContactAt = attempt.At;
        }

        UpdatedAt = now;
        return attempt;
    }

    public CaseNote WriteNote(string? text, string by, DateTimeOffset now)
    {
        var note = CaseNote.Write(text, by, now);
        Notes.Add(note);
        UpdatedAt = now;
        return note;
    }

    public CaseTask SetTask(string? description, DateTimeOffset dueBy, string by, DateTimeOffset now)
    {
        EnsureOpen();
        var task = CaseTask.Set(description, dueBy, by, now);
        Tasks.Add(task);
        UpdatedAt = now;
        return task;
    }

    public void CompleteTask(Guid taskId, string by, DateTimeOffset now)
    {
        var task = Tasks.SingleOrDefault(t => t.Id == taskId) ?? throw new CaseInputException("taskId", "This case has no task with that id.");
        task.Done(by, now);
        UpdatedAt = now;
    }

    /// <summary>Records what matters to the person, in their words (empty clears it).</summary>
    public void RecordWhatMatters(string? text, DateTimeOffset now)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed?.Length > MaxWhatMattersLength)
        {
            throw new CaseInputException("whatMatters", $"What matters to the person must be {MaxWhatMattersLength:N0} characters or fewer.");
        }

        WhatMatters = trimmed;
        UpdatedAt = now;
    }

    private Appointment BookedAppointment(Guid appointmentId) =>
        Appointments.SingleOrDefault(a => a.Id == appointmentId && a.Status == Appointment.Booked)
        ?? throw new CaseInputException("appointmentId", "This case has no booked meeting with that id.");

    private void EnsureFree(AppointmentTime time, IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> otherBookings, Guid? except)
    {
        if (Appointments.Any(a => a.Id != except && a.Overlaps(time.StartsAt, time.EndsAt))
            || otherBookings.Any(b => b.Start < time.EndsAt && time.StartsAt < b.End))
        {
            throw new CaseInputException("startsAt", "That time overlaps another booked meeting. Choose a time that is free.");
        }
    }

    private void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new CaseClosedException(Step);
        }
    }

    /// <summary>Gives the case to a link worker (by their user id); nothing changes if they already hold it.</summary>
    public CaseAssigned? AssignTo(string userId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (IsClosed)
        {
            throw new CaseClosedException(Step);
        }

        if (AssignedTo == userId)
        {
            return null;
        }

        AssignedTo = userId;
        UpdatedAt = now;
        return new CaseAssigned(Guid.CreateVersion7(now), now, Id, ReferralIds, userId);
    }

    /// <summary>A link worker takes an unassigned case of their team (from the same-day queue, say); refused when a colleague holds it.</summary>
    public CaseAssigned? Take(string userId, DateTimeOffset now)
    {
        if (AssignedTo is { } holder && holder != userId)
        {
            throw new CaseHeldException();
        }

        return AssignTo(userId, now);
    }

    /// <summary>
    /// Asks a community provider's service to take the person on: a new part of their social
    /// prescription, and the request to send (only what the person agreed to share travels with it).
    /// </summary>
    public ProviderReferralRequested Prescribe(PrescriptionRequest request, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (IsClosed)
        {
            throw new CaseClosedException(Step);
        }

        var prescription = Prescription.Request(request.ServiceId, request.ServiceName, by, now);
        Prescriptions.Add(prescription);
        UpdatedAt = now;
        return new ProviderReferralRequested(
            Guid.CreateVersion7(now), now, prescription.Id, request.ServiceId, Id, Reference, Needs, request.Person, request.Note);
    }

    /// <summary>A provider's answer to one of the case's prescriptions; unknown or out-of-order answers change nothing.</summary>
    public void FollowProvider(Guid providerReferralId, string status, string? reason, DateTimeOffset now)
    {
        if (Prescriptions.SingleOrDefault(p => p.Id == providerReferralId) is { } prescription && prescription.Follow(status, reason, now))
        {
            UpdatedAt = now;
            if (status is ProviderReferralStatus.Declined or ProviderReferralStatus.Expired && !IsClosed)
            {
                // A no (or no answer) should not leave the person without support: prompt an alternative.
                Tasks.Add(CaseTask.FindAlternativeTo(prescription, now));
            }
        }
    }

    /// <summary>The event of the case opening, with whoever holds it by then (given it in the same transaction).</summary>
    public CaseOpened ToOpenedEvent() => new(Guid.CreateVersion7(OpenedAt), OpenedAt, Id, ReferralId, Reference, Urgent, Channel, Source, Needs, Team, AssignedTo);
}

/// <summary>One move of a case: from, to, who made it, why (required for exits) and when.</summary>
public sealed record StepChange(CaseStep From, CaseStep To, string By, string? Reason, DateTimeOffset At);

/// <summary>A move the journey does not allow from where the case is.</summary>
public sealed class IllegalStepException(CaseStep from, CaseStep to, IReadOnlyList<CaseStep> allowed)
    : Exception(allowed.Count == 0
        ? $"The case is closed ({from}); it cannot move to {to}."
        : $"A case at {from} cannot move to {to}. It can move to: {string.Join(", ", allowed)}.")
{
    public IReadOnlyList<CaseStep> Allowed { get; } = allowed;
}

/// <summary>A move that needs something recorded first.</summary>
public sealed class StepEvidenceMissingException(CaseStep to, string missing)
    : Exception($"Moving to {to} needs {missing}.")
{
    public string Missing { get; } = missing;
}

/// <summary>A change to a case that has ended.</summary>
public sealed class CaseClosedException(CaseStep step)
    : Exception($"The case is closed ({step}); it can no longer be changed.");

/// <summary>Taking a case a colleague already holds; a manager reassigns it instead.</summary>
public sealed class CaseHeldException()
    : Exception("Another link worker holds this case. Ask a manager to reassign it.");

/// <summary>A wellbeing questionnaire scored for the case: which, when in the journey, how, and the reported score (no answers).</summary>
public sealed record ScoreTaken(Guid AssessmentId, string Instrument, string Timepoint, int? FollowUp, string Mode, DateOnly CompletedOn, decimal? Score);

/// <summary>A further referral of the person, joined to their open case.</summary>
public sealed record LinkedReferral(Guid ReferralId, string Reference, string Channel, string Source, bool Urgent, DateTimeOffset ReceivedAt);
