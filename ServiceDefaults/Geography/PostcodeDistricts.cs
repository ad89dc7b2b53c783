using System.Collections.Frozen;
using System.Globalization;

namespace SocialPrescribing.Geography;

/// <summary>
/// The UK's postcode districts (outward codes such as <c>LS1</c>) and the centre of each, from the
/// embedded <c>uk-outcodes.csv</c> (data/README.md). Referral Intake refuses a postcode of the right
/// shape whose district does not exist; the Service Directory measures distances from a district's
/// centre (good to about a kilometre in a town: a district is a few streets to a few villages).
/// </summary>
public static class PostcodeDistricts
{
    private static readonly Lazy<FrozenDictionary<string, GeoPoint>> Known = new(Load);

    public static bool Exists(string outwardCode) => Known.Value.ContainsKey(outwardCode);

    public static int Count => Known.Value.Count;

    /// <summary>The centre of the postcode's district: a full postcode (<c>LS1 4AP</c>) or an outward code alone.</summary>
    public static GeoPoint? CentreOf(string postcode)
    {
        ArgumentNullException.ThrowIfNull(postcode);
        var compact = postcode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        // A full postcode ends in a three-character inward code (digit, letter, letter).
        var outward = compact.Length >= 5 && char.IsDigit(compact[^3]) ? compact[..^3] : compact;
        return Known.Value.TryGetValue(outward, out var centre) ? centre : null;
    }

    private static FrozenDictionary<string, GeoPoint> Load()
    {
        using var stream = typeof(PostcodeDistricts).Assembly.GetManifestResourceStream("uk-outcodes.csv")
            ?? throw new InvalidOperationException("uk-outcodes.csv is not embedded in ServiceDefaults.");
        using var reader = new StreamReader(stream);
        var districts = new Dictionary<string, GeoPoint>(StringComparer.Ordinal);
        reader.ReadLine(); // outcode,latitude,longitude
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            if (fields.Length == 3
                && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude))
            {
                districts[fields[0].Trim().ToUpperInvariant()] = new GeoPoint(latitude, longitude);
            }
        }

        return districts.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>A point on the earth in degrees (WGS 84).</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusMetres = 6_371_000;

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public double MetresTo(GeoPoint other)
    {
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2)
                + Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
