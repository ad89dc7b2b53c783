using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>The admin screens as a browser without JavaScript uses them: forms posted back, mistakes named.</summary>
[Collection(DirectoryCollection.Name)]
public sealed class DirectoryAdminPagesTests(DirectoryFactory factory) : IAsyncLifetime
{
    private readonly List<Guid> _organizations = [];

    public Task InitializeAsync() => factory.ResetAsync();

    public async Task DisposeAsync()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            _organizations.AddRange(await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Organizations
                .Where(o => o.Name.StartsWith("Page Test ")).Select(o => o.Id).ToListAsync());
        }

        await factory.RemoveOrganizationsAsync(_organizations);
    }

    private HttpClient Admin()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(role: "admin", subject: "ada-admin"));
        return client;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(path);
        return await client.PostAsync(path, new FormUrlEncodedContent(
            fields.Append(new("__RequestVerificationToken", FormFields.AntiforgeryToken(page)))));
    }

    private async Task<Guid> AddOrganizationAsync(HttpClient admin, string name)
    {
        var added = await PostFormAsync(admin, "/admin/directory/organizations", [new("Name", name), new("Description", "Walks and talks.")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = Guid.Parse(added.Headers.Location!.OriginalString.Split('/')[^1]);
        _organizations.Add(id);
        return id;
    }

    [Fact]
    public async Task An_admin_adds_an_organisation_and_a_service_with_forms_and_people_then_find_it_near_them()
    {
        var admin = Admin();
        var organization = await AddOrganizationAsync(admin, "Page Test Walkers");
        Assert.Contains("Page Test Walkers added to the directory.", await admin.GetStringAsync($"/admin/directory/organizations/{organization}"), StringComparison.Ordinal);

        var added = await PostFormAsync(admin, "/admin/directory/services",
        [
            new("Name", "Page Test riverside walk"), new("OrganizationId", organization.ToString()), new("Description", "A gentle walk by the river."),
            new("Status", "active"), new("Needs", "physical-activity"), new("Needs", "loneliness"), new("MinimumAge", "18"), new("Places", "15"),
            new("MeetingDays", "WE"), new("MeetingDays", "SA"), new("OpensAt", "10:00"), new("ClosesAt", "11:30"),
            new("Venue", "Riverside car park"), new("Address", "Water Lane"), new("Town", "Leeds"), new("Postcode", "LS11 5QN"), new("Checked", "true"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = added.Headers.Location!.OriginalString.Split('/')[^1];
        var page = await admin.GetStringAsync(added.Headers.Location!.OriginalString);
        Assert.Contains("Page Test riverside walk added to the directory.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"LS11 5QN\"", page, StringComparison.Ordinal);
        var feed = (await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{id}"))!;
        Assert.Equal("WE,SA", feed["schedules"]![0]!["byday"]!.GetValue<string>());
        Assert.Equal(15, feed["capacity"]!["maximum"]!.GetValue<int>());
        Assert.Equal(["loneliness", "physical-activity"], feed["attributes"]!.AsArray().Select(a => a!["taxonomy_term"]!["code"]!.GetValue<string>()).Order());
        Assert.False(feed["stale"]!.GetValue<bool>());
        var near = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/directory/services?search=riverside&postcode=LS11&proximity=3000");
        Assert.Contains(near!["contents"]!.AsArray(), s => s!["id"]!.GetValue<string>() == id);

        // Changing it keeps the parts the form does not show, and the place keeps its id.
        var placeId = feed["service_at_locations"]![0]!["location"]!["id"]!.GetValue<string>();
        var changed = await PostFormAsync(admin, $"/admin/directory/services/{id}",
        [
            new("Name", "Page Test riverside walk and talk"), new("OrganizationId", organization.ToString()), new("Status", "active"),
            new("Needs", "physical-activity"), new("Places", "15"), new("MeetingDays", "WE"), new("OpensAt", "10:00"), new("ClosesAt", "11:30"),
            new("Venue", "Riverside car park"), new("Address", "Water Lane"), new("Town", "Leeds"), new("Postcode", "LS11 5QN"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        feed = (await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{id}"))!;
        Assert.Equal("Page Test riverside walk and talk", feed["name"]!.GetValue<string>());
        Assert.Equal("WE", feed["schedules"]![0]!["byday"]!.GetValue<string>());
        Assert.Equal(placeId, feed["service_at_locations"]![0]!["location"]!["id"]!.GetValue<string>());
        Assert.Single(feed["attributes"]!.AsArray());
    }

    [Fact]
    public async Task Mistakes_are_named_at_the_top_and_beside_each_field_and_nothing_is_saved()
    {
        var admin = Admin();
        var organization = await AddOrganizationAsync(admin, "Page Test Careful");

        var response = await PostFormAsync(admin, "/admin/directory/services",
        [
            new("Name", " "), new("OrganizationId", organization.ToString()), new("Status", "active"), new("MinimumAge", "eighteen"),
            new("OpensAt", "14:00"), new("ClosesAt", "12:00"), new("Postcode", "ZZ99 9ZZ"), new("Address", "1 Nowhere"), new("Town", "Leeds"),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        foreach (var field in new[] { "name", "minimum-age", "days", "postcode" })
        {
            Assert.Contains($"<a href=\"#{field}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("value=\"eighteen\"", html, StringComparison.Ordinal);
        // Sound on the form, but the times are backwards: the import's check names the field.
        response = await PostFormAsync(admin, "/admin/directory/services",
        [
            new("Name", "Page Test backwards"), new("OrganizationId", organization.ToString()), new("Status", "active"),
            new("MeetingDays", "MO"), new("OpensAt", "14:00"), new("ClosesAt", "12:00"),
        ]);
        html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#opens-at\">Closes before it opens</a>", html, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Services.AnyAsync(s => s.OrganizationId == organization));
    }

    [Fact]
    public async Task An_import_file_is_taken_whole_or_its_rejections_are_listed()
    {
        var admin = Admin();
        var organization = Guid.NewGuid();
        _organizations.Add(organization);
        var record = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(), ["name"] = "Page Test imported choir", ["status"] = "active",
            ["organization"] = new JsonObject { ["id"] = organization.ToString(), ["name"] = "Page Test Choirs", ["description"] = "Singing." },
        };
        var bad = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["status"] = "open", ["organization_id"] = organization.ToString() };

        var refused = await UploadAsync(admin, new JsonArray(record.DeepClone(), bad).ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was imported: 1 of the records cannot be taken as they are", html, StringComparison.Ordinal);
        Assert.Contains("Records that cannot be taken", html, StringComparison.Ordinal);
        Assert.Contains("Number 2", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(admin, "not json")).StatusCode);

        var taken = await UploadAsync(admin, new JsonArray(record).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("Imported: 1 service added and 0 replaced; 1 organisation added and 0 replaced", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var export = await admin.GetAsync("/admin/directory?handler=Export");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Page Test imported choir", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_services_are_listed_and_can_be_marked_as_checked()
    {
        var admin = Admin();
        var list = await admin.GetStringAsync("/admin/directory?stale=true");
        Assert.Contains("Only services not checked for 3 months", list, StringComparison.Ordinal);
        var staleId = System.Text.RegularExpressions.Regex.Match(list, "name=\"Id\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        Assert.NotEmpty(staleId);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            var before = await db.Services.AsNoTracking().SingleAsync(s => s.Id == Guid.Parse(staleId));
            try
            {
                var assured = await admin.PostAsync("/admin/directory?handler=Assure&stale=true", new FormUrlEncodedContent(
                    [new("Id", staleId), new("__RequestVerificationToken", FormFields.AntiforgeryToken(list))]));

                Assert.Equal(HttpStatusCode.Redirect, assured.StatusCode);
                Assert.Contains("details marked as checked", await admin.GetStringAsync(assured.Headers.Location!.OriginalString), StringComparison.Ordinal);
                var feed = await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{staleId}");
                Assert.False(feed!["stale"]!.GetValue<bool>());
            }
            finally
            {
                // The demonstration directory is shared by the collection: put the date back.
                await db.Services.Where(s => s.Id == before.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.AssuredDate, before.AssuredDate));
            }
        }
    }

    [Fact]
    public async Task Anyone_but_an_admin_is_told_they_cannot_change_the_directory()
    {
        var provider = factory.CreateClientWithToken(TestTokens.For(role: "provider", organization: Guid.NewGuid().ToString()));
        foreach (var path in new[] { "/admin/directory", "/admin/directory/services", "/admin/directory/organizations", "/admin/directory/import" })
        {
            var response = await provider.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("You cannot change the directory", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/admin/directory")).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string json)
    {
        var page = await admin.GetStringAsync("/admin/directory/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(FormFields.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(json)) { Headers = { ContentType = new("application/json") } }, "Package", "directory.json" },
        };
        return await admin.PostAsync("/admin/directory/import", form);
    }
}
