using System.Security.Cryptography;

namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// Referral references people can read aloud over the phone: <c>SP-</c> and eight characters from an
/// alphabet without look-alikes (no 0/O, 1/I/L, U), about 10^12 values so they cannot be guessed.
/// </summary>
public static class ReferenceGenerator
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Next()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"SP-{chars[..4]}-{chars[4..]}";
    }

    public static bool LooksLikeReference(string value) =>
        value is { Length: 12 } && value.StartsWith("SP-", StringComparison.Ordinal) && value[7] == '-'
        && value.Where((c, i) => i is not (0 or 1 or 2 or 7)).All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
