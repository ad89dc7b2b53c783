namespace SocialPrescribing.Contracts;

/// <summary>
/// A case closed and the person agreed to share with their GP: the summary (a FHIR R4 collection Bundle, the person
/// named by their person reference) is to be sent to their GP practice's system. Case Management publishes it; Referral
/// Intake, which holds the NHS number and knows the practice, sends it and answers with <see cref="GpSummaryDelivery"/>.
/// </summary>
public sealed record GpSummaryDue(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    string CaseReference,
    IReadOnlyList<Guid> ReferralIds,
    string Bundle) : IIntegrationEvent;

/// <summary>Where a case's GP summary has got to (<see cref="GpDeliveryStatus"/>): shown on the case; a failure also on the failed list.</summary>
public sealed record GpSummaryDelivery(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    string Status,
    string? Practice,
    string? Detail,
    int Attempts) : IIntegrationEvent;

public static class GpDeliveryStatus
{
    /// <summary>Waiting to be sent, or between attempts.</summary>
    public const string Sending = "sending";

    /// <summary>The GP system took it (a 2xx answer).</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>Every attempt failed: someone must send it another way.</summary>
    public const string Failed = "failed";

    /// <summary>Not sendable: no practice known for the person, or no endpoint set for their practice.</summary>
    public const string NotSent = "not-sent";
}
