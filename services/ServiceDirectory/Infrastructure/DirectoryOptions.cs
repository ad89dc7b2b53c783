namespace SocialPrescribing.ServiceDirectory.Infrastructure;

/// <summary>How long providers have to answer a referral (configuration section <c>Directory</c>).</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    /// <summary>Days a referral may wait before the provider is reminded.</summary>
    public int ReminderDays { get; set; } = 7;

    /// <summary>Days a referral may wait unanswered before it expires and the link worker is told.</summary>
    public int ExpiryDays { get; set; } = 14;

    /// <summary>How often waiting referrals are checked.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
}
