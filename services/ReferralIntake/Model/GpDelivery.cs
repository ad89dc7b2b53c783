using SocialPrescribing.Contracts;

namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// A closed case's GP summary on its way to the person's GP practice system: written in the transaction that takes
/// <see cref="GpSummaryDue"/>, sent by <c>GpSummaryDispatcher</c>, retried on a schedule, until the GP system takes it
/// (2xx: acknowledged) or every attempt has failed. Each change is told to Case Management (<see cref="GpSummaryDelivery"/>).
/// </summary>
public sealed class GpDelivery
{
    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string CaseReference { get; private set; } = "";

    /// <summary>The referral whose person it is about: erasing the person's referrals takes the delivery with them.</summary>
    public Guid ReferralId { get; private set; }

    public string Practice { get; private set; } = "";

    public string Endpoint { get; private set; } = "";

    /// <summary>The FHIR message sent: the summary with the person's Patient (NHS number where known).</summary>
    public string Body { get; private set; } = "";

    public string Status { get; private set; } = GpDeliveryStatus.Sending;

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>What the GP system last answered (status and its OperationOutcome's words), or why it could not be reached.</summary>
    public string? LastAnswer { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    private GpDelivery()
    {
    }

    public static GpDelivery Start(Guid caseId, string caseReference, Guid referralId, string practice, string endpoint, string body, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CaseId = caseId,
        CaseReference = caseReference,
        ReferralId = referralId,
        Practice = practice,
        Endpoint = endpoint,
        Body = body,
        NextAttemptAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>The GP system took it.</summary>
    public GpSummaryDelivery Acknowledged(string answer, DateTimeOffset now)
    {
        Attempts++;
        Status = GpDeliveryStatus.Acknowledged;
        LastAnswer = Clip(answer);
        UpdatedAt = now;
        return Report(now);
    }

    /// <summary>An attempt failed: the next waits <paramref name="retryDelays"/>[attempts - 1]; with none left, it has failed.</summary>
    public GpSummaryDelivery AttemptFailed(string answer, IReadOnlyList<TimeSpan> retryDelays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(retryDelays);
        Attempts++;
        LastAnswer = Clip(answer);
        UpdatedAt = now;
        if (Attempts > retryDelays.Count)
        {
            Status = GpDeliveryStatus.Failed;
        }
        else
        {
            NextAttemptAt = now + retryDelays[Attempts - 1];
        }

        return Report(now);
    }

    public GpSummaryDelivery Report(DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), now, CaseId, Status, Practice,
            Status == GpDeliveryStatus.Sending && Attempts == 0 ? $"Sending to practice {Practice}." : LastAnswer, Attempts);

    private static string? Clip(string? text) => text is { Length: > 480 } ? text[..480] + "…" : text;
}
