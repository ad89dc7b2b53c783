using System.Text.Json.Nodes;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>Request bodies shaped as API.md shows them.</summary>
internal static class Referrals
{
    public static JsonObject ValidSelfReferral() => new()
    {
        ["channel"] = "self",
        ["person"] = new JsonObject
        {
            ["givenName"] = "Ada",
            ["familyName"] = "Lovelace",
            ["dateOfBirth"] = "1990-12-10",
            ["postcode"] = "LS1 4AP",
            ["phone"] = "07700 900123",
            ["email"] = "ada@example.org",
            ["nhsNumber"] = "9434765919",
            ["preferredContact"] = "phone",
        },
        ["needs"] = new JsonArray("loneliness", "money"),
        ["reason"] = "I have been feeling isolated since I moved here.",
        ["consent"] = new JsonObject { ["shareWithLinkWorker"] = true, ["shareWithGp"] = "codesOnly" },
        ["risk"] = new JsonObject { ["harmToSelf"] = false, ["harmToOthers"] = false, ["inCrisis"] = false },
    };

    public static JsonObject With(this JsonObject body, Action<JsonObject> change)
    {
        change(body);
        return body;
    }
}
