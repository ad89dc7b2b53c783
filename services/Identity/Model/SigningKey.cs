namespace SocialPrescribing.Identity.Model;

/// <summary>
/// A key OpenIddict signs or encrypts tokens with, kept in the database so tokens survive restarts
/// and every replica uses the same keys. Operators may supply a certificate instead (README).
/// </summary>
public sealed class SigningKey
{
    public Guid Id { get; set; }

    /// <summary><c>signing</c> or <c>encryption</c>.</summary>
    public string Use { get; set; } = "";

    /// <summary>The RSA private key, PKCS#8.</summary>
    public byte[] PrivateKey { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
