using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>The link worker's everyday work on a case: meetings, contact attempts, notes, tasks, what matters, the social prescription.</summary>
public sealed partial class Case
{

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
    public ContactAttempt RecordContact(ContactRecord contact, string by, DateTimeOffset now, ContactTargets targets)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(targets);
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

        if (contact.Risk)
        {
            RiskRecorded(targets, by, now);
        }

        UpdatedAt = now;
        return attempt;
    }

    /// <summary>
    /// Risk disclosed at a contact: the case is urgent again and back in the same-day queue, with a review due by the end of
    /// the day (one at a time: a second risk before the first review is done joins it).
    /// </summary>
    private void RiskRecorded(ContactTargets targets, string by, DateTimeOffset now)
    {
        Urgent = true;
        FlaggedUrgentAt = now;
        if (!Tasks.Any(t => t.Kind == CaseTask.RiskReview && t.DoneAt is null))
        {
            Tasks.Add(CaseTask.ReviewRisk(by, targets.EndOfDay(now), now));
        }
    }

    /// <summary>The same-day review of a risk recorded at a contact that is not done yet, if any.</summary>
    public CaseTask? OpenRiskReview => Tasks.FirstOrDefault(t => t.Kind == CaseTask.RiskReview && t.DoneAt is null);

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
        // Withdrawn consent to share with providers: the provider learns a first name, not how to reach the person.
        var shared = ProviderConsentWithdrawn ? request.Person with { Phone = null, Email = null } : request.Person;
        return new ProviderReferralRequested(
            Guid.CreateVersion7(now), now, prescription.Id, request.ServiceId, Id, Reference, Needs, shared, request.Note);
    }

    /// <summary>A provider's answer to one of the case's prescriptions; unknown or out-of-order answers change nothing.</summary>
    public void FollowProvider(Guid providerReferralId, string status, string? reason, DateTimeOffset now, int? position = null, DateTimeOffset? occurredAt = null)
    {
        if (Prescriptions.SingleOrDefault(p => p.Id == providerReferralId) is { } prescription && prescription.Follow(status, reason, now, occurredAt))
        {
            UpdatedAt = now;
            if (position is { } at)
            {
                prescription.MoveTo(at, now);
            }

            if (status is ProviderReferralStatus.Declined or ProviderReferralStatus.Expired && !IsClosed)
            {
                // A no (or no answer) should not leave the person without support: prompt an alternative.
                Tasks.Add(CaseTask.FindAlternativeTo(prescription, now));
            }
        }
    }

    /// <summary>The service's waiting list moved: the prescription's place in it follows.</summary>
    public void FollowWaitingList(Guid providerReferralId, int position, DateTimeOffset now, DateTimeOffset? occurredAt = null)
    {
        if (Prescriptions.SingleOrDefault(p => p.Id == providerReferralId)?.MoveTo(position, now, occurredAt) == true)
        {
            UpdatedAt = now;
        }
    }

    /// <summary>
    /// The link worker takes back a request not yet taken up (waiting for an answer, or on a waiting list), usually to
    /// choose another service; the provider is told. Refused when there is no such request or it was already answered.
    /// </summary>
    public ProviderReferralWithdrawn WithdrawPrescription(Guid prescriptionId, DateTimeOffset now)
    {
        var prescription = Prescriptions.SingleOrDefault(p => p.Id == prescriptionId)
            ?? throw new PrescriptionSettledException($"This case has no request {prescriptionId}.");
        if (!prescription.Withdraw(now))
        {
            throw new PrescriptionSettledException($"The request to {prescription.ServiceName ?? "the service"} is {prescription.Status}: only one waiting for an answer or on a waiting list can be withdrawn.");
        }

        UpdatedAt = now;
        return new ProviderReferralWithdrawn(Guid.CreateVersion7(now), now, prescription.Id, prescription.ServiceId, Id);
    }
}
