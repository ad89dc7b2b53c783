using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.CheckReferralStatus;

/// <summary>
/// A referral's status for the person who made it; the page says it in their language (<c>State.{status}</c> and
/// <c>Explain.{status}</c> in <c>Pages/PublicText.resx</c>).
/// </summary>
public sealed record ReferralStatusView(string Reference, string Status, DateTimeOffset UpdatedAt);
