namespace SocialPrescribing.ReferralIntake.Infrastructure;

/// <summary>
/// The first answer to a submission made with an <c>Idempotency-Key</c> (or the web form's own
/// submission id), kept so a retry gets the same answer instead of a second referral. Written in
/// the same commit as the referral.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Who sent it: the token's subject, or <c>anonymous</c>, or <c>refer-form</c>.</summary>
    public string Caller { get; init; } = "";

    public string Key { get; init; } = "";

    /// <summary>SHA-256 of the request body, so the same key with a different body is refused.</summary>
    public string RequestHash { get; init; } = "";

    public Guid ReferralId { get; init; }

    /// <summary>The response body as first sent.</summary>
    public string Response { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An idempotent submission: who, with which key, and a hash of what they sent.</summary>
public sealed record IdempotentRequest(string Caller, string Key, string RequestHash)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>Printable ASCII, 1–255 characters (UUIDs are the usual choice).</summary>
    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= '!' and <= '~');

    public static string Hash(string body) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)));
}
