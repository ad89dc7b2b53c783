using System.Security.Cryptography;
using System.Text;

namespace SocialPrescribing.ServiceDirectory.Model;

/// <summary>
/// A one-time link asking a provider to confirm or correct a stale listing: only a hash of its secret is kept; it works
/// once, for <see cref="ValidFor"/>. A correction asked for waits for an admin (the admin page lists it).
/// </summary>
public sealed class ListingConfirmation
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(30);

    public Guid Id { get; private set; }

    public Guid ServiceId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary><c>confirmed</c> or <c>changes-asked</c> once used.</summary>
    public string? Outcome { get; private set; }

    /// <summary>What the provider says needs changing (for an admin to make).</summary>
    public string? Changes { get; private set; }

    /// <summary>An admin has made (or dismissed) the changes asked for.</summary>
    public DateTimeOffset? HandledAt { get; private set; }

    private ListingConfirmation()
    {
    }

    public static (ListingConfirmation Confirmation, string Token) Create(Guid serviceId, DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return (new ListingConfirmation
        {
            Id = Guid.CreateVersion7(now), ServiceId = serviceId, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + ValidFor,
        }, token);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    public bool Usable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Confirm(DateTimeOffset now)
    {
        UsedAt = now;
        Outcome = "confirmed";
    }

    public void AskForChanges(string changes, DateTimeOffset now)
    {
        UsedAt = now;
        Outcome = "changes-asked";
        Changes = changes;
    }

    public void Handled(DateTimeOffset now) => HandledAt ??= now;
}
