namespace SocialPrescribing.Identity.Model;

/// <summary>
/// A key OpenIddict signs or encrypts tokens with, kept in the database so tokens survive restarts
/// and every replica uses the same keys; encrypted at rest and rotated (Infrastructure/TokenKeys).
/// </summary>
public sealed class SigningKey
{
    public Guid Id { get; set; }

    /// <summary><c>signing</c> or <c>encryption</c>.</summary>
    public string Use { get; set; } = "";

    /// <summary>The RSA private key, PKCS#8, encrypted with Data Protection (see <see cref="Protection"/>).</summary>
    public byte[] PrivateKey { get; set; } = [];

    /// <summary><c>data-protection</c>, or <c>none</c> for a key stored before keys were encrypted (encrypted when next read).</summary>
    public string Protection { get; set; } = "none";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a newer key took over; the key is still published until every token it served has expired.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
