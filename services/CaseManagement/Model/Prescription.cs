using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>
/// One part of a person's social prescription: a community service (from the directory) asked to take
/// them on, and where that request stands. Its id is the provider referral's id in every event.
/// </summary>
public sealed class Prescription
{
    private Prescription()
    {
    }

    public Guid Id { get; private set; }

    public Guid ServiceId { get; private set; }

    /// <summary>The service's name as the link worker chose it (the directory has the rest).</summary>
    public string? ServiceName { get; private set; }

    public string Status { get; private set; } = ProviderReferralStatus.Requested;

    /// <summary>Why the provider declined.</summary>
    public string? Reason { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Where the request stands on the service's waiting list (1: next in line); null when not on one.</summary>
    public int? Position { get; private set; }

    /// <summary>When the latest provider event applied here happened (the directory's clock): an older one arriving late changes nothing.</summary>
    public DateTimeOffset? ProviderEventAt { get; private set; }

    internal static Prescription Request(Guid serviceId, string? serviceName, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ServiceId = serviceId,
        ServiceName = serviceName,
        RequestedBy = by,
        RequestedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Applies the provider's answer. Answers only move forward (requested → accepted, declined or
    /// expired; accepted → completed): a late or repeated one changes nothing.
    /// </summary>
    internal bool Follow(string status, string? reason, DateTimeOffset now, DateTimeOffset? occurredAt = null)
    {
        if (IsStale(occurredAt))
        {
            return false;
        }

        if (status == Status)
        {
            // News of where it already stands (a place offered before the news of the waiting list arrived): later news only counts from now.
            ProviderEventAt = occurredAt ?? ProviderEventAt;
            return false;
        }

        var allowed = (Status, status) switch
        {
            (ProviderReferralStatus.Requested, ProviderReferralStatus.Accepted or ProviderReferralStatus.Declined or ProviderReferralStatus.Expired) => true,
            // Full or paused: on the waiting list; a place came up: back with the provider for an answer.
            (ProviderReferralStatus.Requested, ProviderReferralStatus.Waiting) => true,
            (ProviderReferralStatus.Waiting, ProviderReferralStatus.Requested or ProviderReferralStatus.Declined or ProviderReferralStatus.Expired) => true,
            (ProviderReferralStatus.Accepted, ProviderReferralStatus.Completed) => true,
            // A completion can overtake its acceptance between the queues.
            (ProviderReferralStatus.Requested, ProviderReferralStatus.Completed) => true,
            _ => false,
        };
        if (!allowed)
        {
            return false;
        }

        Status = status;
        Reason = reason;
        UpdatedAt = now;
        ProviderEventAt = occurredAt ?? ProviderEventAt;
        if (status != ProviderReferralStatus.Waiting)
        {
            Position = null;
        }

        return true;
    }

    /// <summary>Its place on the waiting list moved (only while it is on it).</summary>
    internal bool MoveTo(int position, DateTimeOffset now, DateTimeOffset? occurredAt = null)
    {
        if (Status != ProviderReferralStatus.Waiting || Position == position || IsStale(occurredAt))
        {
            return false;
        }

        Position = position;
        UpdatedAt = now;
        ProviderEventAt = occurredAt ?? ProviderEventAt;
        return true;
    }

    // Events about one request can overtake each other between the queues: one older than the last applied is stale.
    private bool IsStale(DateTimeOffset? occurredAt) => occurredAt is { } at && ProviderEventAt is { } last && at < last;

    /// <summary>The link worker takes the request back (waiting for an answer or on a waiting list), for instance to choose another service.</summary>
    internal bool Withdraw(DateTimeOffset now)
    {
        if (Status is not (ProviderReferralStatus.Requested or ProviderReferralStatus.Waiting))
        {
            return false;
        }

        Status = ProviderReferralStatus.Withdrawn;
        Position = null;
        UpdatedAt = now;
        return true;
    }
}

/// <summary>What a link worker asks of a provider: the service, what the person agreed to share, and a note.</summary>
public sealed record PrescriptionRequest(Guid ServiceId, string? ServiceName, SharedWithProvider Person, string? Note)
{
    /// <summary>A phone number for the provider: digits, spaces and + ( ) - only (the API and the case page check alike).</summary>
    public static bool IsPhone(string phone) => phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-');

    /// <summary>An email address for the provider: something before and after an @, no spaces.</summary>
    public static bool IsEmail(string email) =>
        email.IndexOf('@', StringComparison.Ordinal) >= 1 && !email.EndsWith('@') && !email.Any(char.IsWhiteSpace);
}
