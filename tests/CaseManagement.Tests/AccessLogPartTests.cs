using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>Case Management's part of "who looked at my record": found by the person's referral ids, for managers.</summary>
[Collection(CaseCollection.Name)]
public sealed class AccessLogPartTests(CaseFactory factory)
{
    [Fact]
    public async Task A_manager_gets_the_cases_of_the_referrals_and_every_read_of_them()
    {
        var caseId = await factory.OpenCaseAsync($"SP-LOG{Random.Shared.Next(1000, 9999)}-TEST");
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "looker"));
        var view = await manager.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
        var referralId = view!["referralId"]!.GetValue<Guid>();

        var part = await manager.GetFromJsonAsync<JsonObject>($"/api/cases/access-log?referralId={referralId}&referralId={Guid.NewGuid()}");

        Assert.Equal([caseId], part!["recordIds"]!.AsArray().Select(i => i!.GetValue<Guid>()));
        Assert.Contains(part["entries"]!.AsArray(), e => e!["actor"]!.GetValue<string>() == "looker" && e["resourceId"]!.GetValue<Guid>() == caseId
                                                         && e["service"]!.GetValue<string>() == "case-management");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?referralId=not-a-guid")]
    [InlineData("?other=1")]
    public async Task Without_good_ids_it_is_400_naming_the_parameter(string query)
    {
        var response = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetAsync($"/api/cases/access-log{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("referralId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_workers_may_not_ask() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"))
            .GetAsync($"/api/cases/access-log?referralId={Guid.NewGuid()}")).StatusCode);
}
