using SocialPrescribing.Contracts;
using SocialPrescribing.Privacy;

namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>A referral as Intake holds it: the person's details stay here; other services get ids.</summary>
public sealed class Referral
{
    public Guid Id { get; private set; }

    /// <summary>What the person is told and quotes, e.g. <c>SP-4K7M-9QX2</c>.</summary>
    public string Reference { get; private set; } = "";

    public string Channel { get; private set; } = "";

    /// <summary>Who referred: <c>self</c>, or the professional's role (gp, nurse, …).</summary>
    public string Source { get; private set; } = "";

    public string Status { get; private set; } = ReferralStatus.Received;

    public bool Urgent { get; private set; }

    /// <summary>The person this referral is about (<see cref="Person"/>): the same for each of their referrals.</summary>
    public Guid PersonId { get; private set; }

    [Identifying]
    public string GivenName { get; private set; } = "";

    [Identifying]
    public string FamilyName { get; private set; } = "";

    [Identifying]
    public DateOnly DateOfBirth { get; private set; }

    [Identifying]
    public string Postcode { get; private set; } = "";

    [Identifying]
    public string? Phone { get; private set; }

    [Identifying]
    public string? Email { get; private set; }

    [Identifying]
    public string? NhsNumber { get; private set; }

    public string? PreferredContact { get; private set; }

    public List<string> Needs { get; private set; } = [];

    [FreeText]
    public string? Reason { get; private set; }

    public bool ShareWithLinkWorker { get; private set; }

    public string ShareWithGp { get; private set; } = GpSharing.None;

    public bool HarmToSelf { get; private set; }

    public bool HarmToOthers { get; private set; }

    public bool InCrisis { get; private set; }

    [Identifying]
    public string? ReferrerName { get; private set; }

    public string? ReferrerRole { get; private set; }

    public string? ReferrerOrganisation { get; private set; }

    [Identifying]
    public string? ReferrerEmail { get; private set; }

    /// <summary>The sending system's identifier of the referral (FHIR <c>system|value</c>), if it sent one.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>The FHIR message that carried it (Bundle or MessageHeader identity, <c>system|value</c>): a resend of the same message is recognised by it.</summary>
    public string? MessageId { get; private set; }

    /// <summary>The person's GP practice (ODS code), where a FHIR sender named it: where the GP summary is sent.</summary>
    public string? GpPractice { get; private set; }

    /// <summary>What a FHIR sender said about the referral, as sent (null for the other channels).</summary>
    [FreeText]
    public SenderDetails? Sender { get; private set; }

    /// <summary>
    /// Who sent it: the token subject of the call handler who took it by phone, the professional, or the
    /// integration client (a GP system); null for a self-referral. A call handler reads only the referrals
    /// they took; a client's identifiers (<see cref="ExternalId"/>) are its own.
    /// </summary>
    public string? SubmittedBy { get; private set; }

    /// <summary>A directory service the person chose before referring themselves, if any.</summary>
    public Guid? ChosenServiceId { get; private set; }

    /// <summary>The language the person would like us to use (<c>en</c> or <c>cy</c>): the link worker calls in it, messages are in it.</summary>
    public string Language { get; private set; } = ReferralRules.English;

    /// <summary>
    /// The person's open referral this one repeats (same NHS number, or same name, date of birth and
    /// postcode), if any: Case Management adds this referral to that referral's case.
    /// </summary>
    public Guid? DuplicateOfId { get; private set; }

    /// <summary>SHA-256 of the normalised family name, given name, date of birth and postcode: finds the same person.</summary>
    public string PersonKey { get; private set; } = "";

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    private Referral()
    {
    }

    public static Referral Submit(ValidReferral valid, Guid personId, string reference, string? submittedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(valid);
        var person = valid.Person;
        return new Referral
        {
            Id = Guid.CreateVersion7(now),
            Reference = reference,
            Channel = valid.Channel,
            Source = valid.Channel == ReferralChannel.Professional ? valid.Referrer!.Role : valid.Channel,
            Status = ReferralStatus.Received,
            Urgent = valid.Urgent,
            PersonId = personId,
            GivenName = person.GivenName,
            FamilyName = person.FamilyName,
            DateOfBirth = person.DateOfBirth,
            Postcode = person.Postcode,
            Phone = person.Phone,
            Email = person.Email,
            NhsNumber = person.NhsNumber,
            PreferredContact = person.PreferredContact,
            Needs = [.. valid.Needs],
            Reason = valid.Reason,
            ShareWithLinkWorker = true,
            ShareWithGp = valid.ShareWithGp,
            HarmToSelf = valid.HarmToSelf,
            HarmToOthers = valid.HarmToOthers,
            InCrisis = valid.InCrisis,
            ReferrerName = valid.Referrer?.Name,
            ReferrerRole = valid.Referrer?.Role,
            ReferrerOrganisation = valid.Referrer?.Organisation,
            ReferrerEmail = valid.Referrer?.Email,
            ExternalId = valid.ExternalId,
            MessageId = valid.MessageId,
            GpPractice = valid.GpPractice,
            Sender = valid.Sender,
            SubmittedBy = submittedBy,
            ChosenServiceId = valid.ServiceId,
            Language = valid.Language,
            PersonKey = PersonKeyOf(person.GivenName, person.FamilyName, person.DateOfBirth, person.Postcode),
            SubmittedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The link worker team whose case holds this referral (from Case Management's CaseOpened): its members may read the person's details.</summary>
    public string? CaseTeam { get; private set; }

    /// <summary>The person's record is restricted (UK GDPR Article 18): only managers read this referral.</summary>
    public bool PersonRestricted { get; private set; }

    /// <summary>The person's record was restricted, or the restriction lifted.</summary>
    public void FollowRestriction(bool restricted) => PersonRestricted = restricted;

    /// <summary>The case that holds this referral (from Case Management's events), once there is one.</summary>
    public Guid? CaseId { get; private set; }

    /// <summary>How the case ended (<c>Outcomes</c> or the exit taken), and when: the person's earlier episodes say so.</summary>
    public string? ClosedOutcome { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Case Management opened a case for this referral, for <paramref name="team"/>.</summary>
    public void FollowCaseOpened(Guid caseId, string? team, DateTimeOffset now)
    {
        CaseId = caseId;
        CaseTeam = team ?? CaseTeam;
        UpdatedAt = now;
    }

    /// <summary>This referral is in case <paramref name="caseId"/> (a repeat joins its person's open case).</summary>
    public void FollowCaseId(Guid caseId) => CaseId ??= caseId;

    /// <summary>The case ended with <paramref name="outcome"/>.</summary>
    public void FollowCaseClosed(string outcome, DateTimeOffset now)
    {
        ClosedOutcome ??= outcome;
        ClosedAt ??= now;
        FollowCase(ReferralStatus.Closed, now);
    }

    /// <summary>A manager merged this referral's person into another record (or undid that): it now belongs to <paramref name="personId"/>.</summary>
    public void MoveTo(Guid personId, DateTimeOffset now)
    {
        PersonId = personId;
        UpdatedAt = now;
    }

    /// <summary>
    /// The case holding this referral moved on: the status only ever moves forward (a late event
    /// changes nothing), and a withdrawn referral stays withdrawn.
    /// </summary>
    public void FollowCase(string status, DateTimeOffset now)
    {
        if (ReferralStatus.IsAfter(status, Status))
        {
            Status = status;
            UpdatedAt = now;
        }
    }

    /// <summary>The referrer cancelled the referral (FHIR status revoked): it is withdrawn, once.</summary>
    public ReferralWithdrawn? Withdraw(DateTimeOffset now)
    {
        if (Status == ReferralStatus.Withdrawn)
        {
            return null;
        }

        Status = ReferralStatus.Withdrawn;
        UpdatedAt = now;
        return new ReferralWithdrawn(Guid.CreateVersion7(now), now, Id, Reference);
    }

    /// <summary>
    /// Marks this referral as a repeat of the person's open referral <paramref name="originalId"/>: it joins
    /// that referral's episode (the first referral, <paramref name="originalDuplicateOfId"/> when set).
    /// </summary>
    public void LinkAsDuplicateOf(Guid originalId, Guid? originalDuplicateOfId) => DuplicateOfId = originalDuplicateOfId ?? originalId;

    /// <summary>Case, accents, spaces, hyphens and apostrophes do not make a different person.</summary>
    public static string PersonKeyOf(string givenName, string familyName, DateOnly dateOfBirth, string postcode)
    {
        static string Fold(string value)
        {
            var decomposed = value.Normalize(System.Text.NormalizationForm.FormD);
            return string.Concat(decomposed.Where(char.IsLetterOrDigit)).ToUpperInvariant();
        }

        var text = $"{Fold(familyName)}|{Fold(givenName)}|{dateOfBirth:yyyy-MM-dd}|{Fold(postcode)}";
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The event Case Management opens a case from: ids and needs, no personal details.</summary>
    public ReferralSubmitted ToSubmittedEvent() => new(
        Guid.CreateVersion7(SubmittedAt),
        SubmittedAt,
        Id,
        Reference,
        Channel,
        Source,
        [.. Needs],
        Urgent,
        new ReferralConsent(ShareWithLinkWorker, ShareWithGp),
        PersonId,
        OutwardCode,
        DuplicateOfId,
        ChosenServiceId,
        GpPractice: GpPractice,
        Language: Language);

    /// <summary>For a red-flag referral: the event that puts it in the same-day queue.</summary>
    public ReferralFlaggedUrgent? ToFlaggedUrgentEvent() =>
        Urgent ? new ReferralFlaggedUrgent(Guid.CreateVersion7(SubmittedAt), SubmittedAt, Id, Reference) : null;

    /// <summary>The district part of the postcode (<c>LS6</c> of <c>LS6 3HN</c>).</summary>
    public string OutwardCode => ReferralRules.OutwardCodeOf(Postcode);
}

/// <summary>
/// Where a referral is, as the person sees it: <c>received</c>, then from Case Management's events
/// <c>assigned</c> (a link worker has it), <c>inProgress</c> (the journey has started), <c>closed</c>;
/// or <c>withdrawn</c> by the referrer.
/// </summary>
public static class ReferralStatus
{
    public const string Received = "received";
    public const string Assigned = "assigned";
    public const string InProgress = "inProgress";
    public const string Closed = "closed";
    public const string Withdrawn = "withdrawn";

    private static readonly string[] Progression = [Received, Assigned, InProgress, Closed];

    /// <summary>Statuses of a referral that has ended; any other is open and gathers the person's repeat referrals.</summary>
    public static readonly string[] Ended = [Withdrawn, Closed];

    /// <summary>True when <paramref name="next"/> is further along than <paramref name="current"/> (events may arrive out of order).</summary>
    public static bool IsAfter(string next, string current) =>
        current != Withdrawn && Array.IndexOf(Progression, next) > Array.IndexOf(Progression, current);
}
