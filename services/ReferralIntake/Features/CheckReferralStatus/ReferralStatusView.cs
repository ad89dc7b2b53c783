using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.CheckReferralStatus;

public sealed record ReferralStatusView(string Reference, string Status, DateTimeOffset UpdatedAt)
{
    /// <summary>The status in words for the page.</summary>
    public string Label() => Status switch
    {
        ReferralStatus.Received => "received",
        ReferralStatus.Assigned => "with a link worker",
        ReferralStatus.InProgress => "in progress",
        ReferralStatus.Closed => "closed",
        ReferralStatus.Withdrawn => "withdrawn",
        _ => Status,
    };

    /// <summary>What the status means, in words for the person.</summary>
    public string Explain() => Status switch
    {
        ReferralStatus.Received => "We have your referral. A link worker will contact you within 5 working days to arrange a time to talk.",
        ReferralStatus.Assigned => "A link worker has your referral. They will contact you to arrange a time to talk.",
        ReferralStatus.InProgress => "You are working with a link worker. If you need to change an appointment, contact them.",
        ReferralStatus.Withdrawn => "This referral was withdrawn by the person who made it. If you still want support, you can refer yourself again.",
        ReferralStatus.Closed => "Your time with the link worker has finished. If you need support again, you can refer yourself again.",
        _ => "Your referral is with a link worker.",
    };
}
