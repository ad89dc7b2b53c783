using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Infrastructure.Import;
using SocialPrescribing.ServiceDirectory.Infrastructure.Seed;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>Admins keeping the directory: organisations and services in ORUK's shape, and whole-directory export and import.</summary>
[Collection(DirectoryCollection.Name)]
public sealed class DirectoryAdminTests(DirectoryFactory factory) : IAsyncLifetime
{
    // What these tests add to the (shared, seeded) directory, taken out again afterwards.
    private readonly List<Guid> _organizations = [];

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => factory.RemoveOrganizationsAsync(_organizations);

    private HttpClient Admin() => factory.CreateClientWithToken(TestTokens.For(role: "admin", subject: "ada-admin"));

    private async Task<Guid> CreateOrganizationAsync(string name)
    {
        var response = await Admin().PostAsJsonAsync("/api/directory/organizations", new { name, description = "Runs groups in Leeds." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        _organizations.Add(id);
        return id;
    }

    private static string Need(string code) => NeedsTaxonomy.Terms.Single(t => t.Code == code).Id.ToString();

    // A term as another directory would send it: its own id, our need's name.
    private static JsonObject ForeignTerm(string name) => new()
    {
        ["id"] = Guid.NewGuid().ToString(), ["name"] = name, ["description"] = "From another directory's taxonomy.",
    };

    private static JsonObject NewService(Guid organization, string name) => new()
    {
        ["organization_id"] = organization.ToString(),
        ["name"] = name,
        ["description"] = "A friendly chat over tea for anyone feeling alone.",
        ["status"] = "active",
        ["minimum_age"] = 18,
        ["assured_date"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
        ["capacity"] = new JsonObject { ["maximum"] = 12 },
        ["attributes"] = new JsonArray(new JsonObject { ["taxonomy_term_id"] = Need("loneliness") }),
        ["schedules"] = new JsonArray(new JsonObject { ["freq"] = "WEEKLY", ["byday"] = "TU,TH", ["opens_at"] = "10:00", ["closes_at"] = "12:00" }),
        ["contacts"] = new JsonArray(new JsonObject { ["name"] = "Group organiser", ["phones"] = new JsonArray(new JsonObject { ["number"] = "0113 496 0000" }) }),
        ["service_at_locations"] = new JsonArray(new JsonObject
        {
            ["location"] = new JsonObject
            {
                ["location_type"] = "physical",
                ["name"] = "Holbeck community room",
                ["latitude"] = 53.7897,
                ["longitude"] = -1.5565,
                ["addresses"] = new JsonArray(new JsonObject
                {
                    ["address_1"] = "1 Holbeck Lane", ["city"] = "Leeds", ["state_province"] = "West Yorkshire",
                    ["postal_code"] = "LS11 9QX", ["country"] = "GB", ["address_type"] = "physical",
                }),
            },
        }),
    };

    [Fact]
    public async Task An_admin_adds_an_organisation_and_a_service_that_the_open_feed_then_finds_and_changes_it()
    {
        var organization = await CreateOrganizationAsync("Holbeck Tea Circle");

        var created = await Admin().PostAsJsonAsync("/api/directory/services", NewService(organization, "Holbeck tea and talk"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var service = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = service["id"]!.GetValue<string>();
        Assert.Equal($"/api/directory/services/{id}", created.Headers.Location!.OriginalString);
        var feed = (await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{id}"))!;
        OrukSchemas.AssertValid("compiled/service.json", feed);
        Assert.Equal("Holbeck Tea Circle", feed["organization"]!["name"]!.GetValue<string>());
        Assert.Equal("loneliness", feed["attributes"]![0]!["taxonomy_term"]!["code"]!.GetValue<string>());
        Assert.Equal("TU,TH", feed["schedules"]![0]!["byday"]!.GetValue<string>());
        Assert.Equal("10:00:00", feed["schedules"]![0]!["opens_at"]!.GetValue<string>());
        Assert.Equal(12, feed["capacity"]!["maximum"]!.GetValue<int>());
        Assert.Equal(12, feed["capacity"]!["available"]!.GetValue<int>());
        Assert.False(feed["stale"]!.GetValue<bool>());
        var found = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/directory/services?search=holbeck%20tea&taxonomy_term_id=loneliness&postcode=LS11%209QX");
        Assert.Equal(id, found!["contents"]![0]!["id"]!.GetValue<string>());

        // A change replaces the whole record: what the new version leaves out is gone.
        var changed = NewService(organization, "Holbeck tea, talk and cake");
        changed["status"] = "temporarily closed";
        changed.Remove("schedules");
        changed["capacity"] = new JsonObject { ["maximum"] = 8 };
        var put = await Admin().PutAsJsonAsync($"/api/directory/services/{id}", changed);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        feed = (await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{id}"))!;
        Assert.Equal("Holbeck tea, talk and cake", feed["name"]!.GetValue<string>());
        Assert.Equal("temporarily closed", feed["status"]!.GetValue<string>());
        Assert.Empty(feed["schedules"]!.AsArray());
        Assert.Equal(8, feed["capacity"]!["maximum"]!.GetValue<int>());
        Assert.Single(feed["service_at_locations"]!.AsArray());
        await using var scope = factory.Services.CreateAsyncScope();
        var audited = await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Set<Messaging.Audit.AuditEntry>()
            .Where(e => e.ResourceId == Guid.Parse(id) && e.Action == "write").Select(e => e.Actor).ToListAsync();
        Assert.Equal(["ada-admin", "ada-admin"], audited);
    }

    [Fact]
    public async Task Only_admins_may_change_import_or_export_the_directory()
    {
        var organization = Guid.NewGuid();
        foreach (var (client, expected) in new[]
                 {
                     (factory.CreateClient(), HttpStatusCode.Unauthorized),
                     (factory.CreateClientWithToken(TestTokens.For(role: "provider", organization: organization.ToString())), HttpStatusCode.Forbidden),
                     (factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north")), HttpStatusCode.Forbidden),
                 })
        {
            Assert.Equal(expected, (await client.PostAsJsonAsync("/api/directory/services", NewService(organization, "Not allowed"))).StatusCode);
            Assert.Equal(expected, (await client.PostAsJsonAsync("/api/directory/organizations", new { name = "No", description = "No" })).StatusCode);
            Assert.Equal(expected, (await client.PostAsJsonAsync("/api/directory/import", new JsonArray())).StatusCode);
            Assert.Equal(expected, (await client.GetAsync("/api/directory/export")).StatusCode);
        }
    }

    [Fact]
    public async Task A_service_with_mistakes_is_refused_with_each_reason_and_nothing_is_stored()
    {
        var organization = await CreateOrganizationAsync("Careful Counting Club");
        var bad = NewService(organization, "Mistaken group");
        bad["minimum_age"] = 65;
        bad["maximum_age"] = 18;
        bad["schedules"] = new JsonArray(new JsonObject { ["byday"] = "MONDAY", ["opens_at"] = "14:00", ["closes_at"] = "12:00" });

        var response = await Admin().PostAsJsonAsync("/api/directory/services", bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("/minimum_age", errors.Select(e => e.Key));
        Assert.Contains("/schedules/0/byday", errors.Select(e => e.Key));
        Assert.Contains("/schedules/0", errors.Select(e => e.Key));
        // Every reason at once: the record's own mistakes and what only the directory can check (an unknown organisation).
        var unknownOrganization = NewService(Guid.NewGuid(), "Nobody's group");
        unknownOrganization["minimum_age"] = 65;
        unknownOrganization["maximum_age"] = 18;
        var both = await Admin().PostAsJsonAsync("/api/directory/services", unknownOrganization);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        errors = (await both.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("/minimum_age", errors.Select(e => e.Key));
        Assert.Contains("/organization_id", errors.Select(e => e.Key));
        var noName = NewService(organization, "");
        noName.Remove("name");
        var schema = await Admin().PostAsJsonAsync("/api/directory/services", noName);
        Assert.Equal(HttpStatusCode.BadRequest, schema.StatusCode);
        Assert.Equal("application/problem+json", schema.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await Admin().PostAsync("/api/directory/services", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Admin().PostAsync("/api/directory/services", new StringContent("{\"name\":", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin().PutAsJsonAsync($"/api/directory/services/{Guid.NewGuid()}", NewService(organization, "Ghost"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin().PutAsJsonAsync($"/api/directory/organizations/{Guid.NewGuid()}", new { name = "Ghost", description = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin().PostAsJsonAsync("/api/directory/organizations", new { description = "No name" })).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Services.AnyAsync(s => s.OrganizationId == organization));
        var taken = NewService(organization, "Taken");
        taken["id"] = await AnyServiceIdAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await Admin().PostAsJsonAsync("/api/directory/services", taken)).StatusCode);
    }

    [Fact]
    public async Task The_whole_directory_exports_as_an_oruk_service_package_and_imports_back_unchanged()
    {
        var exported = await Admin().GetAsync("/api/directory/export");

        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("attachment", exported.Content.Headers.ContentDisposition!.DispositionType);
        var package = JsonNode.Parse(await exported.Content.ReadAsStringAsync())!.AsArray();
        Assert.True(package.Count >= 200);
        OrukSchemas.AssertValid("compiled/service_package.json", package);

        var imported = await Admin().PostAsync("/api/directory/import", new StringContent(package.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var report = (await imported.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, report["servicesCreated"]!.GetValue<int>());
        Assert.Equal(package.Count, report["servicesUpdated"]!.GetValue<int>());
        var again = JsonNode.Parse(await Admin().GetStringAsync("/api/directory/export"))!.AsArray();
        Assert.Equal(Comparable(package), Comparable(again));
    }

    [Fact]
    public async Task An_import_with_a_bad_record_stores_nothing_and_reports_every_rejection()
    {
        var organization = Guid.NewGuid();
        _organizations.Add(organization);
        JsonObject Record(string name)
        {
            var record = NewService(organization, name);
            record.Remove("organization_id");
            record["organization"] = new JsonObject { ["id"] = organization.ToString(), ["name"] = "Imported Ltd", ["description"] = "From another directory." };
            Features.EditService.EditServiceHandler.GiveIds(record);
            return record;
        }

        var good = Record("Imported walking group");
        // Another directory's term for the same need: matched by name.
        good["attributes"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["taxonomy_term"] = ForeignTerm("Physical activity") });
        var noName = Record("x");
        noName.Remove("name");
        var unknownNeed = Record("Horoscopes");
        unknownNeed["attributes"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["taxonomy_term"] = ForeignTerm("Astrology") });
        var duplicate = Record("Twin");
        duplicate["id"] = good["id"]!.GetValue<string>();

        var response = await Admin().PostAsync("/api/directory/import",
            new StringContent(new JsonArray(good, noName, duplicate).ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Nothing was imported", problem["title"]!.GetValue<string>());
        var rejected = problem["rejected"]!.AsArray();
        Assert.Equal([1, 2], rejected.Select(r => r!["index"]!.GetValue<int>()));
        Assert.Contains(rejected[0]!["reasons"]!.AsArray(), r => r!.GetValue<string>().Contains("name", StringComparison.Ordinal));
        Assert.Contains(rejected[1]!["reasons"]!.AsArray(), r => r!.GetValue<string>().Contains("more than once", StringComparison.Ordinal));
        Assert.False(await ExistsAsync(good));

        // Not ORUK at all.
        foreach (var notOruk in new[] { "{\"services\":[]}", "[]", "[1,2]" })
        {
            var refused = await Admin().PostAsync("/api/directory/import", new StringContent(notOruk, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotEmpty((await refused.Content.ReadFromJsonAsync<JsonObject>())!["rejected"]!.AsArray()[0]!["reasons"]!.AsArray());
        }

        // Sound records, one with a need the directory does not know: both go in, the unknown term kept and flagged.
        var taken = await Admin().PostAsync("/api/directory/import",
            new StringContent(new JsonArray(good.DeepClone(), unknownNeed).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var report = (await taken.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((2, 1), (report["servicesCreated"]!.GetValue<int>(), report["organizationsCreated"]!.GetValue<int>()));
        var warning = report["warnings"]!.AsArray().Single()!;
        Assert.Equal(1, warning["index"]!.GetValue<int>());
        Assert.Contains("'Astrology'", warning["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var feed = await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{good["id"]}");
        Assert.Equal("physical-activity", feed!["attributes"]![0]!["taxonomy_term"]!["code"]!.GetValue<string>());
        var horoscopes = await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{unknownNeed["id"]}");
        Assert.Equal("Astrology", horoscopes!["attributes"]![0]!["taxonomy_term"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Marking_a_stale_service_as_checked_makes_it_current()
    {
        var organization = await CreateOrganizationAsync("Old Details Society");
        var record = NewService(organization, "Long unchecked lunch club");
        record["assured_date"] = "2020-01-01";
        var id = (await (await Admin().PostAsJsonAsync("/api/directory/services", record)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var stale = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/directory/services?stale=true&per_page=100&status=all");
        Assert.Contains(stale!["contents"]!.AsArray(), s => s!["id"]!.GetValue<string>() == id);

        var assured = await Admin().PostAsync($"/api/directory/services/{id}/assure", null);

        Assert.Equal(HttpStatusCode.OK, assured.StatusCode);
        var service = (await assured.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(service["stale"]!.GetValue<bool>());
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd"), service["assured_date"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin().PostAsync($"/api/directory/services/{Guid.NewGuid()}/assure", null)).StatusCode);
    }

    [Theory]
    [InlineData("10:00", "10:00:00")]
    [InlineData("09:30:00", "09:30:00")]
    [InlineData("10:00Z", "10:00:00")]
    [InlineData("09:00-05:00", "09:00:00")]
    [InlineData("18:15:00+01:00", "18:15:00")]
    public void Times_are_read_with_or_without_seconds_and_zone(string text, string expected)
    {
        Assert.Equal(TimeOnly.Parse(expected), OrukImport.ReadTime(text, out var ok));
        Assert.True(ok);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("ten")]
    [InlineData("10.00")]
    public void Times_that_are_not_times_are_refused(string text)
    {
        Assert.Null(OrukImport.ReadTime(text, out var ok));
        Assert.False(ok);
    }

    private async Task<string> AnyServiceIdAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Services.Select(s => s.Id).FirstAsync()).ToString();
    }

    private async Task<bool> ExistsAsync(JsonObject record)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var id = Guid.Parse(record["id"]!.GetValue<string>());
        return await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Services.AnyAsync(s => s.Id == id);
    }

    // What an export says, less when it was said (last_modified moves on every write).
    private static string Comparable(JsonArray package)
    {
        var copy = package.DeepClone().AsArray();
        foreach (var service in copy.OfType<JsonObject>())
        {
            service.Remove("last_modified");
        }

        return copy.ToJsonString();
    }
}
