using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>The directory through the gateway: a person searching near them, and a provider answering a link worker.</summary>
[Collection(SuiteCollection.Name)]
public sealed class DirectoryJourneyTests(SuiteFixture suite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Someone_searching_near_LS1_4AP_for_loneliness_finds_nearby_groups_nearest_first()
    {
        var page = await suite.Gateway.GetFromJsonAsync<JsonObject>(
            "/api/directory/services?postcode=LS1%204AP&proximity=8000&taxonomy_term_id=loneliness&per_page=50");

        var services = page!["contents"]!.AsArray();
        Assert.NotEmpty(services);
        var distances = services.Select(s => s!["distance"]!.GetValue<int>()).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.All(distances, d => Assert.InRange(d, 0, 8000));
        Assert.All(services, s => Assert.Contains(s!["attributes"]!.AsArray(), a => a!["taxonomy_term"]!["code"]!.GetValue<string>() == "loneliness"));
    }

    [Fact]
    public async Task A_provider_accepts_a_referral_and_the_case_sees_it()
    {
        var created = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Prue", "Scription"));
        var reference = (await created.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        var caseId = (await suite.WaitForCaseAsync(reference, Patience))["id"]!.GetValue<Guid>();
        using var provider = await suite.SignedInAsync("provider");
        var organisation = SuiteFixture.ClaimOf(provider, "organization");
        var all = await suite.Gateway.GetFromJsonAsync<JsonObject>("/api/directory/services?per_page=200");
        var service = all!["contents"]!.AsArray()
            .First(s => s!["organization"]!["id"]!.GetValue<string>() == organisation && s["capacity"]!["available"]!.GetValue<int>() > 0)!;
        var serviceId = service["id"]!.GetValue<Guid>();
        var placesBefore = service["capacity"]!["available"]!.GetValue<int>();

        var prescribed = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new
        {
            serviceId, serviceName = service["name"]!.GetValue<string>(), person = new { givenName = "Prue" }, personAgreed = true,
        });
        Assert.Equal(HttpStatusCode.OK, prescribed.StatusCode);
        var prescriptionId = (await prescribed.Content.ReadFromJsonAsync<JsonObject>())!["prescriptions"]![0]!["id"]!.GetValue<Guid>();

        await SuiteFixture.Eventually(async () =>
        {
            var inbox = await provider.GetFromJsonAsync<JsonObject>("/api/directory/referrals");
            return inbox!["referrals"]!.AsArray().Any(r => r!["id"]!.GetValue<Guid>() == prescriptionId);
        }, Patience);
        // The organisation's referral contact is told a referral is waiting, without a word about the person.
        var contact = (await suite.Gateway.GetFromJsonAsync<JsonObject>($"/api/directory/organizations/{organisation}"))!["email"]?.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(contact), "the seeded organisation has a referral contact email");
        var told = await suite.MailAsync(contact!, "A new referral is waiting in your inbox", Patience);
        Assert.Contains("/provider", told, StringComparison.Ordinal);
        Assert.DoesNotContain("Prue", told, StringComparison.Ordinal);
        Assert.DoesNotContain("Scription", told, StringComparison.Ordinal);

        var accepted = await provider.PostAsync($"/api/directory/referrals/{prescriptionId}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        await SuiteFixture.Eventually(async () =>
        {
            var view = await suite.LinkWorker.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
            return view!["prescriptions"]![0]!["status"]!.GetValue<string>() == "accepted";
        }, Patience);
        var after = await suite.Gateway.GetFromJsonAsync<JsonObject>($"/api/directory/services/{serviceId}");
        Assert.Equal(placesBefore - 1, after!["capacity"]!["available"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_admin_exports_the_directory_and_imports_it_back_through_the_gateway()
    {
        using var admin = await suite.SignedInAsync("admin");

        var package = await admin.GetStringAsync("/api/directory/export");
        var services = JsonNode.Parse(package)!.AsArray();
        Assert.True(services.Count >= 200);
        // Far over the gateway's usual 64 KB: imports alone may be this large.
        Assert.True(package.Length > 64 * 1024);
        var imported = await admin.PostAsync("/api/directory/import", new StringContent(package, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(services.Count, (await imported.Content.ReadFromJsonAsync<JsonObject>())!["servicesUpdated"]!.GetValue<int>());
        using var provider = await suite.SignedInAsync("provider");
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.GetAsync("/api/directory/export")).StatusCode);
    }
}
