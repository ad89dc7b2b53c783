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
    internal bool Follow(string status, string? reason, DateTimeOffset now)
    {
        var allowed = (Status, status) switch
        {
            (ProviderReferralStatus.Requested, ProviderReferralStatus.Accepted or ProviderReferralStatus.Declined or ProviderReferralStatus.Expired) => true,
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
