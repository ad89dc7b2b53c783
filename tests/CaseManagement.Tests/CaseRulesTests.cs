using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>The journey's rules on the aggregate itself: moves, evidence, meetings, contact, notes, tasks.</summary>
public sealed class CaseRulesTests
{
    // A Thursday.
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly ContactTargets Targets = new();

    [Fact]
    public void A_case_walks_the_seven_steps_only_with_the_evidence_each_needs_and_closes_at_Outcomes()
    {
        var found = NewCase();

        Refused(found, CaseStep.AssessmentArranged, "appointment");
        found.Book(At(1), [], "lw-1", Now);
        found.MoveTo(CaseStep.AssessmentArranged, "lw-1", null, Now);

        Refused(found, CaseStep.BaselineMetrics, "baseline");
        found.RecordScore(Score(WellbeingTimepoints.FollowUp));
        Refused(found, CaseStep.BaselineMetrics, "baseline");
        found.RecordScore(Score(WellbeingTimepoints.Baseline));
        found.MoveTo(CaseStep.BaselineMetrics, "lw-1", null, Now);

        Refused(found, CaseStep.SocialPrescription, "prescription");
        var requested = found.Prescribe(new PrescriptionRequest(Guid.NewGuid(), "Walking group", new SharedWithProvider("Sam", null, null), null), "lw-1", Now);
        found.FollowProvider(requested.ProviderReferralId, ProviderReferralStatus.Declined, "Full", Now);
        Refused(found, CaseStep.SocialPrescription, "not declined");
        found.Prescribe(new PrescriptionRequest(Guid.NewGuid(), "Choir", new SharedWithProvider("Sam", null, null), null), "lw-1", Now);
        found.MoveTo(CaseStep.SocialPrescription, "lw-1", null, Now);

        found.MoveTo(CaseStep.FurtherVisits, "lw-1", null, Now);
        found.MoveTo(CaseStep.HealthRiskReduced, "lw-1", null, Now);
        Refused(found, CaseStep.Outcomes, "final wellbeing score");
        found.RecordScore(Score(WellbeingTimepoints.Final));
        var events = found.MoveTo(CaseStep.Outcomes, "lw-1", null, Now);

        Assert.Equal(CaseStep.Outcomes, found.Step);
        Assert.True(found.IsClosed);
        Assert.Empty(found.AllowedNextSteps);
        Assert.Equal(6, found.History.Count);
        Assert.All(found.History, h => Assert.Equal("lw-1", h.By));
        var closed = Assert.IsType<CaseClosed>(events[1]);
        Assert.Equal("Outcomes", closed.Outcome);
        Assert.Equal([found.ReferralId], closed.ReferralIds);
    }

    [Fact]
    public void Outcomes_without_a_final_score_needs_a_reason_and_keeps_it()
    {
        var found = AtStep(CaseStep.HealthRiskReduced);

        found.MoveTo(CaseStep.Outcomes, "lw-1", "Moved to a care home before the last visit; connected to its activities", Now);

        Assert.Equal("Moved to a care home before the last visit; connected to its activities", found.History[^1].Reason);
    }

    [Fact]
    public void A_reached_contact_also_arranges_the_assessment_but_a_failed_one_or_a_cancelled_meeting_does_not()
    {
        var found = NewCase();
        found.RecordContact(Contact(ContactAttempt.NoAnswer), "lw-1", Now, Targets);
        var meeting = found.Book(At(1), [], "lw-1", Now);
        found.CancelAppointment(meeting.Id, "Person is unwell", "lw-1", Now);

        Refused(found, CaseStep.AssessmentArranged, "appointment");
        found.RecordContact(Contact(ContactAttempt.Reached), "lw-1", Now, Targets);
        found.MoveTo(CaseStep.AssessmentArranged, "lw-1", null, Now);

        Assert.Equal(Appointment.Cancelled, found.Appointments.Single().Status);
        Assert.Equal("lw-1", found.Appointments.Single().ChangedBy);
    }

    [Fact]
    public void Skipping_a_step_is_refused_naming_what_is_allowed()
    {
        var found = NewCase();

        var refused = Assert.Throws<IllegalStepException>(() => found.MoveTo(CaseStep.SocialPrescription, "lw-1", null, Now));

        Assert.Equal([CaseStep.AssessmentArranged, .. Case.Exits], refused.Allowed);
        Assert.Equal(CaseStep.Referral, found.Step);
        Assert.Empty(found.History);
    }

    [Theory]
    [InlineData(CaseStep.Declined)]
    [InlineData(CaseStep.UnableToContact)]
    [InlineData(CaseStep.NotAppropriate)]
    [InlineData(CaseStep.Withdrawn)]
    public void Exits_are_open_from_any_open_step_but_need_a_reason(CaseStep exit)
    {
        var found = AtStep(CaseStep.FurtherVisits);

        Assert.Throws<StepEvidenceMissingException>(() => found.MoveTo(exit, "lw-1", "  ", Now));
        var events = found.MoveTo(exit, "lw-1", "Moved away", Now);

        Assert.True(found.IsClosed);
        Assert.Equal(exit.ToString(), Assert.IsType<CaseClosed>(events[1]).Outcome);
        Assert.Equal("Moved away", found.History[^1].Reason);
        Assert.Throws<IllegalStepException>(() => found.MoveTo(CaseStep.HealthRiskReduced, "lw-1", null, Now));
        Assert.Throws<CaseClosedException>(() => found.Book(At(2), [], "lw-1", Now));
    }

    [Fact]
    public void Meetings_in_the_past_or_overlapping_are_refused_naming_startsAt()
    {
        var found = NewCase();
        var first = found.Book(new AppointmentTime(Now.AddDays(1), 60, "faceToFace", "Library", Now), [], "lw-1", Now);

        Assert.Equal("startsAt", Assert.Throws<CaseInputException>(() => new AppointmentTime(Now.AddMinutes(-1), 60, null, null, Now)).Field);
        Assert.Equal("startsAt", Assert.Throws<CaseInputException>(() => found.Book(new AppointmentTime(Now.AddDays(1).AddMinutes(59), 30, null, null, Now), [], "lw-1", Now)).Field);
        // The link worker's meeting on another case.
        var elsewhere = (Now.AddDays(2), Now.AddDays(2).AddMinutes(45));
        Assert.Equal("startsAt", Assert.Throws<CaseInputException>(() => found.Book(new AppointmentTime(Now.AddDays(2).AddMinutes(-30), 60, null, null, Now), [elsewhere], "lw-1", Now)).Field);
        Assert.Equal("durationMinutes", Assert.Throws<CaseInputException>(() => new AppointmentTime(Now.AddDays(1), 5, null, null, Now)).Field);
        Assert.Equal("mode", Assert.Throws<CaseInputException>(() => new AppointmentTime(Now.AddDays(1), 60, "pigeon", null, Now)).Field);

        // Back to back is fine, and a meeting may move within its own slot.
        found.Book(new AppointmentTime(Now.AddDays(1).AddMinutes(60), 30, "phone", null, Now), [elsewhere], "lw-1", Now);
        found.MoveAppointment(first.Id, new AppointmentTime(Now.AddDays(1).AddMinutes(-15), 60, "video", null, Now), [], "lw-1", Now);

        Assert.Equal(Now.AddDays(1).AddMinutes(-15), found.Appointments[0].StartsAt);
        Assert.Equal("video", found.Appointments[0].Mode);
        Assert.Equal(2, found.Appointments.Count);
    }

    [Fact]
    public void Three_failed_attempts_in_a_row_suggest_UnableToContact_and_reaching_the_person_starts_the_count_again()
    {
        var found = NewCase();
        var meeting = found.Book(At(1), [], "lw-1", Now);

        found.RecordContact(Contact(ContactAttempt.NoAnswer, Now.AddHours(-3)), "lw-1", Now, Targets);
        found.RecordContact(Contact(ContactAttempt.NoAnswer, Now.AddHours(-2)), "lw-1", Now, Targets);
        Assert.False(found.SuggestUnableToContact);
        found.RecordContact(new ContactRecord(Now.AddHours(-1), null, ContactAttempt.DidNotAttend, meeting.Id, null, Now), "lw-1", Now, Targets);

        Assert.True(found.SuggestUnableToContact);
        Assert.Equal(Appointment.DidNotAttend, found.Appointments.Single().Status);
        Assert.Null(found.FirstContactAt);

        found.RecordContact(Contact(ContactAttempt.Reached), "lw-1", Now, Targets);

        Assert.False(found.SuggestUnableToContact);
        Assert.Equal(0, found.FailedAttemptsInARow);
        Assert.Equal(Now, found.FirstContactAt);
    }

    [Fact]
    public void Contact_attempts_are_checked()
    {
        var found = NewCase();

        Assert.Equal("outcome", Assert.Throws<CaseInputException>(() => Contact("maybe")).Field);
        Assert.Equal("at", Assert.Throws<CaseInputException>(() => Contact(ContactAttempt.Reached, Now.AddHours(1))).Field);
        Assert.Equal("mode", Assert.Throws<CaseInputException>(() => new ContactRecord(null, "telepathy", ContactAttempt.Reached, null, null, Now)).Field);
        Assert.Equal("appointmentId", Assert.Throws<CaseInputException>(() => found.RecordContact(Contact(ContactAttempt.DidNotAttend), "lw-1", Now, Targets)).Field);
        Assert.Equal("appointmentId", Assert.Throws<CaseInputException>(() =>
            found.RecordContact(new ContactRecord(null, null, ContactAttempt.DidNotAttend, Guid.NewGuid(), null, Now), "lw-1", Now, Targets)).Field);
        Assert.Empty(found.Contacts);
    }

    [Fact]
    public void First_contact_is_due_in_five_working_days_or_the_same_day_when_urgent_and_late_cases_are_overdue()
    {
        // Thursday 09:00 → the next Thursday (weekend skipped).
        var routine = NewCase();
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), routine.FirstContactDueBy);
        Assert.False(routine.IsOverdue(Now.AddDays(7).AddMinutes(-1)));
        Assert.True(routine.IsOverdue(Now.AddDays(7).AddMinutes(1)));

        routine.RecordContact(Contact(ContactAttempt.Reached), "lw-1", Now, Targets);
        Assert.False(routine.IsOverdue(Now.AddDays(30)));

        // London is on GMT in November: due by 23:59:59 the same day.
        var urgent = NewCase(urgent: true);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 23, 59, 59, TimeSpan.Zero), urgent.FirstContactDueBy.AddTicks(-urgent.FirstContactDueBy.Ticks % TimeSpan.TicksPerSecond));
        Assert.True(urgent.IsOverdue(Now.AddDays(1)));
    }

    [Fact]
    public void A_task_past_its_due_time_makes_the_case_overdue_until_done()
    {
        var found = NewCase();
        found.RecordContact(Contact(ContactAttempt.Reached), "lw-1", Now, Targets);
        var task = found.SetTask("Ring the foodbank about Tuesday", Targets.EndOfDay(new DateOnly(2026, 11, 27)), "lw-1", Now);

        Assert.False(found.IsOverdue(Now.AddDays(1)));
        Assert.True(found.IsOverdue(Now.AddDays(2)));
        found.CompleteTask(task.Id, "lw-2", Now.AddDays(2));
        Assert.False(found.IsOverdue(Now.AddDays(2)));
        Assert.Equal(("lw-1", "lw-2"), (task.CreatedBy, task.DoneBy));

        Assert.Equal("description", Assert.Throws<CaseInputException>(() => found.SetTask(" ", Now.AddDays(1), "lw-1", Now)).Field);
        Assert.Equal("dueOn", Assert.Throws<CaseInputException>(() => found.SetTask("Call", Now.AddDays(-2), "lw-1", Now)).Field);
    }

    [Fact]
    public void Notes_keep_author_and_time_and_stop_at_ten_thousand_characters()
    {
        var found = NewCase();

        found.WriteNote(new string('a', CaseNote.MaxLength), "lw-1", Now);
        var tooLong = Assert.Throws<CaseInputException>(() => found.WriteNote(new string('a', CaseNote.MaxLength + 1), "lw-1", Now));
        var empty = Assert.Throws<CaseInputException>(() => found.WriteNote("   ", "lw-1", Now));

        Assert.Equal("text", tooLong.Field);
        Assert.Equal("text", empty.Field);
        Assert.Equal(("lw-1", Now), (found.Notes.Single().By, found.Notes.Single().At));
    }

    [Fact]
    public void A_provider_saying_no_prompts_an_alternative()
    {
        var found = NewCase();
        var requested = found.Prescribe(new PrescriptionRequest(Guid.NewGuid(), "Walking group", new SharedWithProvider("Sam", null, null), null), "lw-1", Now);

        found.FollowProvider(requested.ProviderReferralId, ProviderReferralStatus.Declined, "No places until spring", Now);

        var task = Assert.Single(found.Tasks);
        Assert.Equal(CaseTask.Alternative, task.Kind);
        Assert.Contains("Walking group declined (No places until spring)", task.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Assigning_tells_who_holds_the_case_once_and_taking_a_colleagues_case_is_refused()
    {
        var found = NewCase();

        Assert.Equal("lw-2", found.Take("lw-2", Now)!.AssignedTo);
        Assert.Null(found.AssignTo("lw-2", Now));
        Assert.Throws<CaseHeldException>(() => found.Take("lw-3", Now));
        found.MoveTo(CaseStep.Declined, "lw-2", "Said no thank you", Now);
        Assert.Throws<CaseClosedException>(() => found.AssignTo("lw-3", Now));
    }

    [Fact]
    public void Withdrawing_the_only_referral_closes_the_case_as_Withdrawn_with_its_events()
    {
        var found = NewCase();

        var events = found.WithdrawReferral(found.ReferralId, Now);

        Assert.Equal(CaseStep.Withdrawn, found.Step);
        Assert.Equal(Case.ReferrerActor, found.History.Single().By);
        Assert.Contains(events, e => e is CaseClosed { Outcome: "Withdrawn" });
    }

    /// <summary>A case moved, with its evidence, to <paramref name="step"/>.</summary>
    internal static Case AtStep(CaseStep step)
    {
        var found = NewCase();
        foreach (var next in Case.Journey.Skip(1).TakeWhile(s => s <= step))
        {
            switch (next)
            {
                case CaseStep.AssessmentArranged:
                    found.Book(At(1), [], "lw-1", Now);
                    break;
                case CaseStep.BaselineMetrics:
                    found.RecordScore(Score(WellbeingTimepoints.Baseline));
                    break;
                case CaseStep.SocialPrescription:
                    found.Prescribe(new PrescriptionRequest(Guid.NewGuid(), "Choir", new SharedWithProvider("Sam", null, null), null), "lw-1", Now);
                    break;
            }

            found.MoveTo(next, "lw-1", next == CaseStep.Outcomes ? "Connected to a choir" : null, Now);
        }

        return found;
    }

    internal static Case NewCase(bool urgent = false) => Case.Open(
        new ReferralSubmitted(Guid.NewGuid(), Now, Guid.NewGuid(), "SP-AB2C-D3EF", "self", "self", ["money"], urgent,
            new ReferralConsent(true, "codesOnly"), Guid.NewGuid(), "LS6"),
        "north", Targets, Now);

    private static void Refused(Case found, CaseStep to, string missing)
    {
        var refused = Assert.Throws<StepEvidenceMissingException>(() => found.MoveTo(to, "lw-1", null, Now));
        Assert.Contains(missing, refused.Missing, StringComparison.Ordinal);
    }

    private static AppointmentTime At(int days) => new(Now.AddDays(days), 60, "faceToFace", "Library", Now);

    private static ContactRecord Contact(string outcome, DateTimeOffset? at = null) => new(at ?? Now, "phone", outcome, null, null, Now);

    private static WellbeingRecorded Score(string timepoint) =>
        new(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), "swemwbs", timepoint, timepoint == WellbeingTimepoints.FollowUp ? 1 : null, "faceToFace", DateOnly.FromDateTime(Now.Date), 20.0m);
}
