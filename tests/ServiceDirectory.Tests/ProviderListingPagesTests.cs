using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>A provider keeps their own listings on pages: places, wait and pause, and the details through the admin form's checks.</summary>
[Collection(DirectoryCollection.Name)]
public sealed class ProviderListingPagesTests(DirectoryFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    // The services a test keeps are its own (the demonstration directory stays as the other tests expect it).
    private readonly OwnServices _own = new(factory);

    public Task DisposeAsync() => _own.RemoveAsync();

    private HttpClient SignedIn(string role, Guid? organization = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", TestTokens.For(role: role, organization: organization?.ToString(), subject: "pat-provider"));
        return client;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(page);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", FormFields.AntiforgeryToken(html)))));
    }

    [Fact]
    public async Task A_provider_sees_only_their_services_and_sets_places_with_mistakes_named()
    {
        var (service, otherService) = await ServicesAsync();
        var provider = SignedIn("provider", service.OrganizationId);

        var page = await provider.GetStringAsync("/provider/services");
        Assert.Contains(WebUtility.HtmlEncode(service.Name), page, StringComparison.Ordinal);
        Assert.DoesNotContain(WebUtility.HtmlEncode(otherService.Name), page, StringComparison.Ordinal);
        Assert.Contains("href=\"/provider/services\" aria-current=\"page\"", page, StringComparison.Ordinal);

        var refused = await PostFormAsync(provider, "/provider/services", "/provider/services?handler=Capacity",
            [new("Id", service.Id.ToString()), new("Places", "-1"), new("Free", "20000"), new("WaitDays", "soon")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Places must be a whole number from 0 to 10,000.", shown, StringComparison.Ordinal);
        Assert.Contains("The wait must be a whole number, like 12", shown, StringComparison.Ordinal);
        Assert.Contains($"href=\"#places-{service.Id}\"", shown, StringComparison.Ordinal);
        Assert.Equal(service.CapacityMaximum, (await factory.QueryAsync(db => db.Services.AsNoTracking().SingleAsync(s => s.Id == service.Id))).CapacityMaximum);

        var saved = await PostFormAsync(provider, "/provider/services", "/provider/services?handler=Capacity",
            [new("Id", service.Id.ToString()), new("Places", "12"), new("Free", "0"), new("WaitDays", "28"), new("Paused", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await provider.GetStringAsync("/provider/services");
        Assert.Contains("places and wait saved; new referrals are paused", page, StringComparison.Ordinal);
        Assert.Contains("Referrals paused", page, StringComparison.Ordinal);
        var capacity = (await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{service.Id}"))!["capacity"]!;
        Assert.True(capacity["paused"]!.GetValue<bool>());
        Assert.Equal(28, capacity["waitDays"]!.GetValue<int>());
        // People looking at the public listing see it too.
        Assert.Contains("Not taking new referrals just now", await factory.CreateClient().GetStringAsync($"/directory/services/{service.Id}"), StringComparison.Ordinal);

        // Another organisation's service cannot be set from this page either.
        var other = await PostFormAsync(provider, "/provider/services", "/provider/services?handler=Capacity",
            [new("Id", otherService.Id.ToString()), new("Places", "3")]);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SignedIn("linkworker").GetAsync("/provider/services")).StatusCode);
    }

    [Fact]
    public async Task A_provider_changes_their_services_opening_times_through_the_admin_forms_checks_and_the_details_are_marked_checked()
    {
        var (service, otherService) = await ServicesAsync();
        var provider = SignedIn("provider", service.OrganizationId);
        var details = $"/provider/services/{service.Id}/details";
        Assert.True((await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{service.Id}"))!["stale"]!.GetValue<bool>());

        var form = await provider.GetStringAsync(details);
        Assert.Contains("Saving marks these details as checked today", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Add an organisation", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/provider/services/{otherService.Id}/details")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.GetAsync($"/admin/directory/services/{service.Id}")).StatusCode);

        IEnumerable<KeyValuePair<string, string>> Fields(string opens, string closes) =>
        [
            new("Name", service.Name), new("OrganizationId", service.OrganizationId.ToString()), new("Status", "active"), new("Needs", "loneliness"),
            new("MeetingDays", "TU"), new("OpensAt", opens), new("ClosesAt", closes),
        ];
        var refused = await PostFormAsync(provider, details, details, Fields("14:00", "13:00"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("nhsuk-error-summary", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await PostFormAsync(provider, details, details, Fields("13:30", "15:00"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/provider/services", saved.Headers.Location!.OriginalString);
        var feed = (await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{service.Id}"))!;
        Assert.Equal("13:30:00", feed["schedules"]![0]!["opens_at"]!.GetValue<string>());
        Assert.False(feed["stale"]!.GetValue<bool>());
        Assert.Contains("pat-provider", await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>()
            .Where(e => e.ResourceId == service.Id && e.Action == "write").Select(e => e.Actor).ToListAsync()));
        // The organisation cannot be moved to another one from here.
        var moved = await PostFormAsync(provider, details, details,
            Fields("13:30", "15:00").Where(f => f.Key != "OrganizationId").Append(new("OrganizationId", otherService.OrganizationId.ToString())));
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Equal(service.OrganizationId, (await factory.QueryAsync(db => db.Services.AsNoTracking().SingleAsync(s => s.Id == service.Id))).OrganizationId);
    }

    private async Task<(Service Mine, Service Other)> ServicesAsync() =>
        (await _own.AddAsync("Test lunch club"), await _own.AddAsync("Test walking group"));
}
