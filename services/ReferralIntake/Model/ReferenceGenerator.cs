using System.Security.Cryptography;

namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// Referral references people can read aloud over the phone: <c>SP-</c> and eight characters from an
/// alphabet without look-alikes (no 0/O, 1/I/L, U). Seven are random (about 2·10^10 values, too
/// many to guess within the status look-up's rate limit); the eighth is a check character, so a
/// mistyped or misheard character, or two swapped neighbours, is caught at once.
/// </summary>
/// <remarks>
/// The check: the weighted sum of the eight character values is 0 modulo the prime 31, with weights
/// the distinct powers of 3 (a primitive root): a single substitution changes the sum by a non-zero
/// weight times a difference under 31, a swap of neighbours by a difference of two distinct weights
/// times one of values; neither can be a multiple of 31. A check value of 30 has no character, so
/// such draws are simply drawn again.
/// </remarks>
public static class ReferenceGenerator
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Modulus = 31;
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17];

    public static string Next()
    {
        Span<char> chars = stackalloc char[8];
        while (true)
        {
            var sum = 0;
            for (var i = 0; i < 7; i++)
            {
                var value = RandomNumberGenerator.GetInt32(Alphabet.Length);
                chars[i] = Alphabet[value];
                sum += Weights[i] * value;
            }

            // Solve sum + w7 · check ≡ 0 (mod 31); 17 · 11 ≡ 1, so 11 is w7's inverse.
            var check = (Modulus - (sum % Modulus)) * 11 % Modulus;
            if (check < Alphabet.Length)
            {
                chars[7] = Alphabet[check];
                return $"SP-{chars[..4]}-{chars[4..]}";
            }
        }
    }

    /// <summary>True for <c>SP-XXXX-XXXX</c> from the alphabet with a correct check character.</summary>
    public static bool LooksLikeReference(string value)
    {
        if (value is not { Length: 12 } || !value.StartsWith("SP-", StringComparison.Ordinal) || value[7] != '-')
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var index = Alphabet.IndexOf(value[i < 4 ? 3 + i : 4 + i], StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }

            sum += Weights[i] * index;
        }

        return sum % Modulus == 0;
    }
}
