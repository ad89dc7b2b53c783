namespace SocialPrescribing.Contracts;

/// <summary>
/// A link worker asks a community provider's service (<see cref="ServiceId"/>, a directory service)
/// to take the person on, as part of their social prescription. Carries only what the person agreed
/// to share with the provider: a first name, how to get in touch, and the link worker's note.
/// <see cref="ProviderReferralId"/> names this request in every answer.
/// </summary>
public sealed record ProviderReferralRequested(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ProviderReferralId,
    Guid ServiceId,
    Guid CaseId,
    string CaseReference,
    IReadOnlyList<string> Needs,
    SharedWithProvider Person,
    string? Note) : IIntegrationEvent;

/// <summary>What the person agreed the provider may know.</summary>
public sealed record SharedWithProvider(string GivenName, string? Phone, string? Email);

/// <summary>The provider will take the person on (a place is theirs).</summary>
public sealed record ProviderReferralAccepted(
    Guid Id, DateTimeOffset OccurredAt, Guid ProviderReferralId, Guid ServiceId, Guid CaseId) : IIntegrationEvent;

/// <summary>The provider cannot take the person on, and says why (or the directory could not pass the request on).</summary>
public sealed record ProviderReferralDeclined(
    Guid Id, DateTimeOffset OccurredAt, Guid ProviderReferralId, Guid ServiceId, Guid CaseId, string Reason) : IIntegrationEvent;

/// <summary>No answer came in time (<c>Directory:ExpiryDays</c>, 14 by default): the link worker should look elsewhere.</summary>
public sealed record ProviderReferralExpired(
    Guid Id, DateTimeOffset OccurredAt, Guid ProviderReferralId, Guid ServiceId, Guid CaseId) : IIntegrationEvent;

/// <summary>The person finished with the service (their place is free again).</summary>
public sealed record ProviderReferralCompleted(
    Guid Id, DateTimeOffset OccurredAt, Guid ProviderReferralId, Guid ServiceId, Guid CaseId) : IIntegrationEvent;

/// <summary>Where a provider referral stands, in the same words on both sides (the directory's inbox, the case's prescription).</summary>
public static class ProviderReferralStatus
{
    public const string Requested = "requested";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Expired = "expired";
    public const string Completed = "completed";

    public static readonly IReadOnlyList<string> All = [Requested, Accepted, Declined, Expired, Completed];
}
