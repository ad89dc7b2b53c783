namespace SocialPrescribing.CaseManagement.Model;

/// <summary>
/// Which link worker team covers which places, from configuration section <c>Teams</c>: each team
/// lists postcode outward codes (<c>LS6</c>) or whole postcode areas (<c>BD</c>). A case goes to the
/// team naming its outward code, else the team naming its area, else <see cref="DefaultTeam"/>, so
/// no referral is left without a team.
/// </summary>
public sealed class TeamAreas
{
    public const string Section = "Teams";

    public string DefaultTeam { get; set; } = "north";

    public Dictionary<string, string[]> Areas { get; set; } = [];

    public string TeamFor(string? outwardCode)
    {
        if (string.IsNullOrWhiteSpace(outwardCode))
        {
            return DefaultTeam;
        }

        var district = outwardCode.Trim().ToUpperInvariant();
        var area = new string(district.TakeWhile(char.IsAsciiLetter).ToArray());
        return Match(district) ?? Match(area) ?? DefaultTeam;

        string? Match(string code) => code.Length == 0
            ? null
            : Areas.Where(team => team.Value.Any(c => string.Equals(c.Trim(), code, StringComparison.OrdinalIgnoreCase)))
                .Select(team => team.Key)
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
    }
}
