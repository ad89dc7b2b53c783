using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Tests;

public sealed class TeamAreasTests
{
    private static readonly TeamAreas Teams = new()
    {
        DefaultTeam = "central",
        Areas = new()
        {
            ["north"] = ["LS6", "LS17"],
            ["south"] = ["LS1", "BD"],
        },
    };

    [Theory]
    [InlineData("LS6", "north")]
    [InlineData("ls17", "north")]
    [InlineData(" LS1 ", "south")]
    [InlineData("LS16", "central")]
    [InlineData("BD7", "south")]
    [InlineData("BD", "south")]
    [InlineData("M1", "central")]
    [InlineData("", "central")]
    [InlineData(null, "central")]
    public void A_district_match_beats_an_area_match_and_anything_else_goes_to_the_default(string? outwardCode, string team) =>
        Assert.Equal(team, Teams.TeamFor(outwardCode));
}
