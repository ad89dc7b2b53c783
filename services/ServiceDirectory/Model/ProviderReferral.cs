using SocialPrescribing.Contracts;

namespace SocialPrescribing.ServiceDirectory.Model;

/// <summary>
/// A request from a link worker for a provider's service to take someone on: it waits in the inbox
/// of the organisation running the service until the provider accepts or declines it, or it expires.
/// Holds the little the person agreed to share (never in the open feed).
/// </summary>
public sealed class ProviderReferral
{
    private ProviderReferral()
    {
    }

    /// <summary>Case Management's id for the request: the same in every event about it.</summary>
    public Guid Id { get; private set; }

    public Guid ServiceId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid CaseId { get; private set; }

    public string CaseReference { get; private set; } = "";

    public List<string> Needs { get; private set; } = [];

    public string PersonGivenName { get; private set; } = "";

    public string? PersonPhone { get; private set; }

    public string? PersonEmail { get; private set; }

    public string? Note { get; private set; }

    public string Status { get; private set; } = ProviderReferralStatus.Requested;

    public string? DeclineReason { get; private set; }

    public string? AnsweredBy { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public DateTimeOffset? RemindedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When a place came up for it on the waiting list (its answer is awaited from then).</summary>
    public DateTimeOffset? OfferedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>Since when the provider's answer has been awaited: the offer of a place, or else its arrival.</summary>
    public DateTimeOffset AwaitedSince => OfferedAt ?? ReceivedAt;

    public static ProviderReferral Receive(ProviderReferralRequested request, Guid organizationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ProviderReferral
        {
            Id = request.ProviderReferralId,
            ServiceId = request.ServiceId,
            OrganizationId = organizationId,
            CaseId = request.CaseId,
            CaseReference = request.CaseReference,
            Needs = [.. request.Needs],
            PersonGivenName = request.Person.GivenName,
            PersonPhone = request.Person.Phone,
            PersonEmail = request.Person.Email,
            Note = request.Note,
            ReceivedAt = now,
        };
    }

    /// <summary>The service is full or paused: the request waits its turn on the waiting list.</summary>
    public void JoinWaitingList() => Status = Status == ProviderReferralStatus.Requested && AnsweredAt is null && OfferedAt is null
        ? ProviderReferralStatus.Waiting
        : throw new ProviderReferralAnsweredException(Status, "Only a new request can join a waiting list.");

    /// <summary>A place came up and this request is first in line: it waits for the provider's answer like any request.</summary>
    public ProviderReferralOffered Offer(DateTimeOffset now)
    {
        if (Status != ProviderReferralStatus.Waiting)
        {
            throw new ProviderReferralAnsweredException(Status, "Only a request on the waiting list can be offered a place.");
        }

        Status = ProviderReferralStatus.Requested;
        OfferedAt = now;
        return new ProviderReferralOffered(Guid.NewGuid(), now, Id, ServiceId, CaseId);
    }

    /// <summary>The link worker took the request back (waiting or not yet answered); false when it was already answered.</summary>
    public bool Withdraw(DateTimeOffset now)
    {
        if (Status is not (ProviderReferralStatus.Waiting or ProviderReferralStatus.Requested))
        {
            return false;
        }

        Status = ProviderReferralStatus.Withdrawn;
        AnsweredBy = "link worker";
        AnsweredAt = now;
        return true;
    }

    /// <summary>Takes the person on: one of the service's places becomes theirs.</summary>
    public ProviderReferralAccepted Accept(Service service, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(service);
        Answer(ProviderReferralStatus.Accepted, by, now);
        service.TakePlace();
        return new ProviderReferralAccepted(Guid.NewGuid(), now, Id, ServiceId, CaseId);
    }

    public ProviderReferralDeclined Decline(string reason, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Answer(ProviderReferralStatus.Declined, by, now);
        DeclineReason = reason;
        return new ProviderReferralDeclined(Guid.NewGuid(), now, Id, ServiceId, CaseId, reason);
    }

    public ProviderReferralExpired Expire(DateTimeOffset now)
    {
        Answer(ProviderReferralStatus.Expired, "directory", now);
        return new ProviderReferralExpired(Guid.NewGuid(), now, Id, ServiceId, CaseId);
    }

    /// <summary>The person has finished with the service: their place is free for someone else.</summary>
    public ProviderReferralCompleted Complete(Service service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (Status != ProviderReferralStatus.Accepted)
        {
            throw new ProviderReferralAnsweredException(Status, "Only an accepted referral can be completed.");
        }

        Status = ProviderReferralStatus.Completed;
        CompletedAt = now;
        service.FreePlace();
        return new ProviderReferralCompleted(Guid.NewGuid(), now, Id, ServiceId, CaseId);
    }

    /// <summary>Marks that the provider was reminded (once) that this referral is waiting.</summary>
    public void Remind(DateTimeOffset now) => RemindedAt ??= now;

    /// <summary>The person's record is restricted (UK GDPR Article 18): kept, but out of the provider's inbox.</summary>
    public bool Restricted { get; private set; }

    /// <summary>
    /// The person's details changed at Intake: the copy follows (<paramref name="shared"/> null: they
    /// withdrew consent to share with providers, so only their first name stays).
    /// </summary>
    public void FollowPerson(SharedWithProvider? shared, DateTimeOffset now, bool restricted = false)
    {
        _ = now;
        Restricted = restricted;
        if (shared is null)
        {
            PersonPhone = null;
            PersonEmail = null;
            return;
        }

        PersonGivenName = shared.GivenName;
        // Contact details the person had not shared for this referral are not added now.
        PersonPhone = PersonPhone is null ? null : shared.Phone;
        PersonEmail = PersonEmail is null ? null : shared.Email;
    }

    private void Answer(string status, string by, DateTimeOffset now)
    {
        if (Status != ProviderReferralStatus.Requested)
        {
            throw new ProviderReferralAnsweredException(Status, $"This referral was already {Status}.");
        }

        Status = status;
        AnsweredBy = by;
        AnsweredAt = now;
    }
}

/// <summary>An answer to a referral that is no longer waiting for one.</summary>
public sealed class ProviderReferralAnsweredException(string status, string message) : InvalidOperationException(message)
{
    public string Status { get; } = status;
}
