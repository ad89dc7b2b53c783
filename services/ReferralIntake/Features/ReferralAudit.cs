namespace SocialPrescribing.ReferralIntake.Features;

/// <summary>How this service's records are named in its audit trail.</summary>
public static class ReferralAudit
{
    /// <summary>A referral (and the person's details in it).</summary>
    public const string Resource = "referral";
}
