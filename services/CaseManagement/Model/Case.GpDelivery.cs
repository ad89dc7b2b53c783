using Hl7.Fhir.Serialization;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>The GP summary's journey to the person's GP practice system, as Referral Intake reports it.</summary>
public sealed partial class Case
{
    /// <summary>The person's GP practice (ODS code) where the referral named it: carried on to the reports.</summary>
    public string? GpPractice { get; private set; }

    /// <summary><see cref="GpDeliveryStatus"/>: null until the case closes with something to share.</summary>
    public string? GpDeliveryStatus { get; private set; }

    /// <summary>The practice's ODS code, once known.</summary>
    public string? GpDeliveryPractice { get; private set; }

    /// <summary>Why it is not sent, or what the GP system last answered.</summary>
    public string? GpDeliveryDetail { get; private set; }

    public int GpDeliveryAttempts { get; private set; }

    public DateTimeOffset? GpDeliveryAt { get; private set; }

    /// <summary>The summary to send when the case closes and the person shares anything with their GP; null otherwise.</summary>
    private GpSummaryDue? GpSummaryDueOnClosing(DateTimeOffset now)
    {
        if (!IsClosed || SharingWithGp is not (GpSummary.SharesCodesOnly or GpSummary.SharesAll))
        {
            return null;
        }

        GpDeliveryStatus = Contracts.GpDeliveryStatus.Sending;
        GpDeliveryAt = now;
        return new GpSummaryDue(Guid.CreateVersion7(now), now, Id, Reference, ReferralIds,
            GpSummaryFhir.ToBundle(GpSummary.Of(this)).ToJson());
    }

    /// <summary>Intake's report of the summary's delivery; an older report than the one shown changes nothing.</summary>
    public void FollowGpDelivery(GpSummaryDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (GpDeliveryAt is { } shown && delivery.OccurredAt < shown)
        {
            return;
        }

        GpDeliveryStatus = delivery.Status;
        GpDeliveryPractice = delivery.Practice ?? GpDeliveryPractice;
        GpDeliveryDetail = delivery.Detail;
        GpDeliveryAttempts = delivery.Attempts;
        GpDeliveryAt = delivery.OccurredAt;
    }
}
