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

/// <summary>
/// The service is full or has paused new referrals, so the request waits its turn on the service's
/// waiting list at <see cref="Position"/> (1: next in line); <see cref="Why"/> is <c>full</c> or <c>paused</c>.
/// </summary>
public sealed record ProviderReferralWaitlisted(
    Guid Id, DateTimeOffset OccurredAt, Guid ProviderReferralId, Guid ServiceId, Guid CaseId, int Position, string Why) : IIntegrationEvent;

/// <summary>A place came up: the first in line leaves the waiting list and waits for the provider's answer like any request.</summary>
public sealed record ProviderReferralOffered(
    Guid Id, DateTimeOffset OccurredAt, Guid ProviderReferralId, Guid ServiceId, Guid CaseId) : IIntegrationEvent;

/// <summary>Everyone on a service's waiting list and where they now stand (ids and places only, no person's details).</summary>
public sealed record WaitingListMoved(
    Guid Id, DateTimeOffset OccurredAt, Guid ServiceId, IReadOnlyList<WaitingListPlace> Places) : IIntegrationEvent;

/// <summary>One request's place on a waiting list (1: next in line).</summary>
public sealed record WaitingListPlace(Guid ProviderReferralId, Guid CaseId, int Position);

/// <summary>The link worker withdrew a request that was waiting (for an answer, or on a waiting list), usually to choose another service.</summary>
public sealed record ProviderReferralWithdrawn(
    Guid Id, DateTimeOffset OccurredAt, Guid ProviderReferralId, Guid ServiceId, Guid CaseId) : IIntegrationEvent;

/// <summary>Where a provider referral stands, in the same words on both sides (the directory's inbox, the case's prescription).</summary>
public static class ProviderReferralStatus
{
    public const string Requested = "requested";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Expired = "expired";
    public const string Completed = "completed";

    /// <summary>On the service's waiting list until a place comes up.</summary>
    public const string Waiting = "waiting";

    /// <summary>The link worker took the request back before the provider took the person on.</summary>
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Requested, Accepted, Declined, Expired, Completed, Waiting, Withdrawn];
}
