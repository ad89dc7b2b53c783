namespace SocialPrescribing.Notifications.Model;

/// <summary>
/// One message to one recipient, from the event that asked for it: kept from the moment it is due until the retention
/// schedule removes it, with its status as it went (<see cref="NoticeStatus"/>). The event id and kind make it unique,
/// so a redelivered event never sends a second message.
/// </summary>
public sealed class Notice
{
    public const int MaxAttempts = 6;

    public Guid Id { get; private set; }

    /// <summary>The event that asked for it; with <see cref="Kind"/>, unique.</summary>
    public Guid SourceEventId { get; private set; }

    /// <summary>The message: <c>referral-acknowledgement</c>, … (a template's kind).</summary>
    public string Kind { get; private set; } = "";

    public Guid? PersonId { get; private set; }

    public Guid? ReferralId { get; private set; }

    public Guid? CaseId { get; private set; }

    /// <summary>The meeting it is about (a confirmation or reminder), so moving or cancelling the meeting finds its reminders.</summary>
    public Guid? MeetingId { get; private set; }

    /// <summary><c>email</c>, <c>text</c> or <c>letter</c>; null when it could not be sent at all.</summary>
    public string? Channel { get; private set; }

    /// <summary>The email address or mobile number it goes to (personal data: never logged).</summary>
    public string? Address { get; private set; }

    public string Language { get; private set; } = "en";

    /// <summary>The template's placeholders' values: a reference, a time, a place, a link — never anything clinical.</summary>
    public Dictionary<string, string> Values { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public string Status { get; private set; } = NoticeStatus.Pending;

    public int Attempts { get; private set; }

    /// <summary>Why it failed or was not sent (no personal data).</summary>
    public string? Problem { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    private Notice()
    {
    }

    public static Notice For(
        Guid sourceEventId, string kind, Recipient recipient, Dictionary<string, string> values, DateTimeOffset now,
        Guid? referralId = null, Guid? caseId = null, DateTimeOffset? dueAt = null, Guid? meetingId = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var (channel, address, notSent) = recipient.Destination();
        return new Notice
        {
            Id = Guid.CreateVersion7(now),
            SourceEventId = sourceEventId,
            Kind = kind,
            PersonId = recipient.PersonId,
            ReferralId = referralId,
            CaseId = caseId,
            MeetingId = meetingId,
            Channel = channel,
            Address = address,
            Language = recipient.Language,
            Values = values,
            CreatedAt = now,
            DueAt = (dueAt ?? now).ToUniversalTime(),
            Status = notSent is null ? NoticeStatus.Pending : NoticeStatus.NotSent,
            Problem = notSent,
        };
    }

    /// <summary>A message to a person this service cannot reach (it does not know them): kept, not sent, with the reason.</summary>
    public static Notice Unreachable(Guid sourceEventId, string kind, Guid caseId, string reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SourceEventId = sourceEventId,
        Kind = kind,
        CaseId = caseId,
        CreatedAt = now,
        DueAt = now,
        Status = NoticeStatus.NotSent,
        Problem = reason,
    };

    /// <summary>Not now (a text at night): due again at <paramref name="at"/>, no attempt counted.</summary>
    public void Hold(DateTimeOffset at) => DueAt = at.ToUniversalTime();

    /// <summary>A message to an organisation (a provider's referral contact), by email; none when it has no address.</summary>
    public static Notice ToOrganization(Guid sourceEventId, string kind, string? email, Dictionary<string, string> values, DateTimeOffset now, Guid? caseId = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        SourceEventId = sourceEventId,
        Kind = kind,
        CaseId = caseId,
        Channel = string.IsNullOrWhiteSpace(email) ? null : NoticeChannels.Email,
        Address = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
        Values = values,
        CreatedAt = now,
        DueAt = now,
        Status = string.IsNullOrWhiteSpace(email) ? NoticeStatus.NotSent : NoticeStatus.Pending,
        Problem = string.IsNullOrWhiteSpace(email) ? "the organisation has no referral contact email in the directory" : null,
    };

    /// <summary>Not sent after all (the person asked for no more messages, or what it was about was cancelled).</summary>
    public void Drop(string status, string reason)
    {
        Status = status;
        Problem = reason;
    }

    /// <summary>
    /// A manager sends a failed or undelivered message again: due now, attempts counted afresh, to the person's contact as
    /// it is now (it may have been corrected). Returns why it cannot be, or null.
    /// </summary>
    public string? SendAgain(Recipient? recipient, DateTimeOffset now)
    {
        if (recipient is not null)
        {
            var (channel, address, notSent) = recipient.Destination();
            if (notSent is not null)
            {
                return $"It cannot go to the person: {notSent}.";
            }

            Channel = channel;
            Address = address;
        }

        Status = NoticeStatus.Pending;
        Attempts = 0;
        Problem = null;
        DueAt = now;
        return null;
    }

    public void Sent(DateTimeOffset now)
    {
        Status = NoticeStatus.Sent;
        SentAt = now;
        Attempts++;
        Problem = null;
    }

    /// <summary>
    /// Notify's word on a message it took: <c>delivered</c>; <c>permanent-failure</c> (no such number or address) and
    /// <c>temporary-failure</c> (a phone off, an inbox full, for 72 hours) are undelivered; <c>technical-failure</c> is
    /// failed (a manager may send it again). Any other status (sending, created) changes nothing. False when not applied.
    /// </summary>
    public bool Receipt(string status, DateTimeOffset at)
    {
        if (Status is not (NoticeStatus.Sent or NoticeStatus.Delivered or NoticeStatus.Undelivered or NoticeStatus.Failed))
        {
            return false;
        }

        (Status, Problem, DeliveredAt) = status switch
        {
            "delivered" => (NoticeStatus.Delivered, (string?)null, (DateTimeOffset?)at),
            "permanent-failure" => (NoticeStatus.Undelivered, "the number or address does not exist (Notify)", null),
            "temporary-failure" => (NoticeStatus.Undelivered, "it could not be delivered for 72 hours: a phone off or an inbox full (Notify)", null),
            "technical-failure" => (NoticeStatus.Failed, "Notify could not pass it on (a technical failure)", null),
            _ => (Status, Problem, DeliveredAt),
        };
        return status is "delivered" or "permanent-failure" or "temporary-failure" or "technical-failure";
    }

    /// <summary>A sender refused or failed: tried again later (1, 2, 4 … minutes), until it gives up.</summary>
    public void Failed(string problem, bool permanent, DateTimeOffset now)
    {
        Attempts++;
        Problem = problem.Length > 500 ? problem[..500] : problem;
        if (permanent || Attempts >= MaxAttempts)
        {
            Status = permanent ? NoticeStatus.Undelivered : NoticeStatus.Failed;
            return;
        }

        DueAt = now + TimeSpan.FromMinutes(Math.Pow(2, Attempts - 1));
    }
}

public static class NoticeStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    /// <summary>The sender said it cannot be delivered (a bad number, a bounce, no address): not tried again.</summary>
    public const string Undelivered = "undelivered";
    /// <summary>Every attempt failed (the sender was down): on the managers' list, to send again.</summary>
    public const string Failed = "failed";
    public const string NotSent = "not-sent";
    public const string Cancelled = "cancelled";
}
