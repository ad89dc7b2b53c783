namespace SocialPrescribing.CaseManagement.Model;

/// <summary>A link worker's private calendar address: only a hash of its secret is kept; resetting it stops the old one.</summary>
public sealed class DiaryFeedKey
{
    public string UserId { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
