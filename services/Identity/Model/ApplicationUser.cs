using Microsoft.AspNetCore.Identity;

namespace SocialPrescribing.Identity.Model;

/// <summary>A member of staff who signs in: a call handler, link worker, provider, manager or admin.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Link workers belong to a team; they see that team's cases.</summary>
    public string? Team { get; set; }

    /// <summary>Providers belong to an organisation in the directory; they see referrals to its services.</summary>
    public Guid? OrganizationId { get; set; }

    /// <summary>Seeded for development only; such an account is refused in every other environment.</summary>
    public bool IsDevelopmentAccount { get; set; }

    /// <summary>
    /// The 30-second time step of the last authenticator code accepted: a code from that step or before is
    /// refused, so a code seen over someone's shoulder cannot be used again.
    /// </summary>
    public long LastAuthenticatorStep { get; set; }
}
