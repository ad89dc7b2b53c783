using System.Collections.Frozen;

namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// The UK's postcode districts (outward codes such as <c>LS1</c>), from the embedded
/// <c>uk-outcodes.csv</c> (data/README.md), so a postcode of the right shape whose district does not
/// exist is refused while the person can still correct it.
/// </summary>
public static class PostcodeDistricts
{
    private static readonly Lazy<FrozenSet<string>> Known = new(Load);

    public static bool Exists(string outwardCode) => Known.Value.Contains(outwardCode);

    public static int Count => Known.Value.Count;

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PostcodeDistricts).Assembly.GetManifestResourceStream("uk-outcodes.csv")
            ?? throw new InvalidOperationException("uk-outcodes.csv is not embedded in Referral Intake.");
        using var reader = new StreamReader(stream);
        var codes = new List<string>();
        reader.ReadLine(); // outcode,latitude,longitude
        while (reader.ReadLine() is { } line)
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0)
            {
                codes.Add(line[..comma].Trim().ToUpperInvariant());
            }
        }

        return codes.ToFrozenSet(StringComparer.Ordinal);
    }
}
