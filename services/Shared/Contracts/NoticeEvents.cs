namespace SocialPrescribing.Contracts;

/// <summary>
/// How a person chose to be told things: the contact they gave and the way they prefer (<c>phone</c>, <c>text</c>,
/// <c>email</c>, <c>letter</c>, or none). Personal data: only the Notifications service consumes the events carrying it,
/// and it is never in a message's subject, a log or a trace.
/// </summary>
public sealed record NoticeRecipient(string GivenName, string? Email, string? Phone, string? PreferredContact, string Language = "en");

/// <summary>
/// A referral was received (any channel): the person is to be told its reference, the way they chose. Published by
/// Intake with <see cref="ReferralSubmitted"/>, in the same commit; the Notifications service sends it once.
/// </summary>
public sealed record ReferralAcknowledgementDue(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    Guid PersonId,
    string Reference,
    NoticeRecipient Recipient) : IIntegrationEvent;

/// <summary>
/// A meeting with the person was booked, moved or cancelled (<see cref="Change"/>: <c>booked</c>, <c>moved</c>,
/// <c>cancelled</c>): when, how long, how (<c>faceToFace</c>, <c>phone</c>, <c>video</c>) and where — nothing clinical.
/// Published by Case Management; the Notifications service confirms it to the person and keeps their reminders in step.
/// </summary>
public sealed record MeetingChanged(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    IReadOnlyList<Guid> ReferralIds,
    Guid MeetingId,
    string Change,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    string Mode,
    string? Place) : IIntegrationEvent;

/// <summary>
/// A provider organisation is to be told about a referral in its inbox (<see cref="Kind"/>: <c>waiting</c> when it
/// arrives, <c>chaser</c> when it is still unanswered after <c>Directory:ReminderDays</c>), at its referral contact
/// email (null when the directory holds none). No person's details: the message only links to the inbox.
/// </summary>
public sealed record ProviderNoticeDue(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ProviderReferralId,
    Guid OrganizationId,
    string? OrganizationEmail,
    string Kind) : IIntegrationEvent;

/// <summary>
/// A one-time questionnaire link was made for a case's person (Wellbeing Metrics, in the same commit as the link): the
/// Notifications service sends it to them the way they chose. <see cref="Url"/> is the secret link itself — never logged,
/// never in a subject — and nothing says which questionnaire (its name could hint at health).
/// </summary>
public sealed record QuestionnaireLinkDue(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid LinkId,
    Guid CaseId,
    string Url,
    DateTimeOffset ExpiresAt) : IIntegrationEvent;

/// <summary>
/// The person is asked how their experience was (the Friends and Family Test and two questions in their own words) through
/// a one-time link (Wellbeing Metrics, in the same commit as the link), after their case closed or a service they were
/// referred to marked them finished. <see cref="Url"/> is a secret — never logged, never in a subject.
/// </summary>
public sealed record FeedbackLinkDue(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid LinkId,
    Guid CaseId,
    string Url,
    DateTimeOffset ExpiresAt) : IIntegrationEvent;

/// <summary>
/// A service's listing has not been checked for three months: its organisation's referral contact is asked to confirm or
/// correct it through a one-time link (<see cref="Url"/>, a secret: never logged). Published by the Service Directory.
/// </summary>
public sealed record ListingConfirmationDue(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ServiceId,
    string ServiceName,
    Guid OrganizationId,
    string? OrganizationEmail,
    string Url,
    DateTimeOffset ExpiresAt) : IIntegrationEvent;
