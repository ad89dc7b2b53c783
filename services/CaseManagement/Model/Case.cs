using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>One person's journey with a link worker for one episode, opened from one referral.</summary>
public sealed partial class Case
{
    public Guid Id { get; private set; }

    public Guid ReferralId { get; private set; }

    public string Reference { get; private set; } = "";

    public CaseStep Step { get; private set; }

    public bool Urgent { get; private set; }

    public string Channel { get; private set; } = "";

    public string Source { get; private set; } = "";

    public List<string> Needs { get; private set; } = [];

    /// <summary>What the referral said may go to the person's GP (<c>none</c>, <c>codesOnly</c>, <c>full</c>); see <see cref="SharingWithGp"/>.</summary>
    public string ShareWithGp { get; private set; } = "none";

    /// <summary>The person withdrew consent to share with their GP (Intake's PersonDetailsChanged): nothing goes, whatever the referral said.</summary>
    public bool GpConsentWithdrawn { get; private set; }

    /// <summary>The person withdrew consent to share with providers: a provider referral carries their first name only.</summary>
    public bool ProviderConsentWithdrawn { get; private set; }

    /// <summary>What may go to the GP now: the referral's consent, unless the person has since withdrawn it.</summary>
    public string SharingWithGp => GpConsentWithdrawn ? "none" : ShareWithGp;

    /// <summary>The person's record is restricted (UK GDPR Article 18): the case is kept, but only managers see it.</summary>
    public bool Restricted { get; private set; }

    /// <summary>The person's consent (or the restriction of their record) changed at Intake: this copy follows it.</summary>
    public void FollowConsent(bool shareWithGp, bool shareWithProviders, DateTimeOffset now, bool restricted = false)
    {
        if (GpConsentWithdrawn == shareWithGp || ProviderConsentWithdrawn == shareWithProviders || Restricted != restricted)
        {
            GpConsentWithdrawn = !shareWithGp;
            ProviderConsentWithdrawn = !shareWithProviders;
            Restricted = restricted;
            UpdatedAt = now;
        }
    }

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
            GpPractice = referral.GpPractice,
            Language = LanguageOf(referral),
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
        Language = LanguageOf(referral);
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
        if (!IsClosed)
        {
            return [changed];
        }

        var closed = new CaseClosed(Guid.CreateVersion7(now), now, Id, ReferralIds, to.ToString());
        return GpSummaryDueOnClosing(now) is { } due ? [changed, closed, due] : [changed, closed];
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


    /// <summary>The event of the case opening, with whoever holds it by then (given it in the same transaction).</summary>
    public CaseOpened ToOpenedEvent() => new(Guid.CreateVersion7(OpenedAt), OpenedAt, Id, ReferralId, Reference, Urgent, Channel, Source, Needs, Team, AssignedTo, GpPractice);
}
