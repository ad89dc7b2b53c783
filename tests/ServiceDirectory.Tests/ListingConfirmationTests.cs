using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.ServiceDirectory.Features.ConfirmListing;
using SocialPrescribing.ServiceDirectory.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>
/// A stale listing: its provider is asked (once in 30 days) through a one-time link to confirm it — which marks it checked
/// — or to say what changed, which waits on the admin page; a used link is gone (410), an unknown one not found (404).
/// </summary>
[Collection(DirectoryCollection.Name)]
public sealed class ListingConfirmationTests(DirectoryFactory factory) : IAsyncLifetime
{
    private readonly List<(Guid Id, DateOnly? Assured)> _changed = [];

    public Task InitializeAsync() => factory.ResetAsync();

    public async Task DisposeAsync()
    {
        // The demonstration directory stays between tests: put back what this test changed.
        foreach (var (id, assured) in _changed)
        {
            await factory.QueryAsync(db => db.Services.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.AssuredDate, assured)));
        }
    }

    [Fact]
    public async Task A_provider_confirms_a_stale_listing_through_its_one_time_link_and_the_listing_is_checked()
    {
        var service = await StaleServiceAsync(0);
        var asked = BrokerListener<ListingConfirmationDue>.Start(factory.Services);
        var timer = factory.Services.GetRequiredService<StaleListingTimer>();

        await timer.AskAsync(CancellationToken.None);
        await timer.AskAsync(CancellationToken.None);

        var due = await asked.ReadAsync(e => e.ServiceId == service.Id);
        Assert.Equal(service.Name, due.ServiceName);
        Assert.Equal(1, await factory.QueryAsync(db => db.ListingConfirmations.CountAsync(c => c.ServiceId == service.Id)));
        var path = new Uri(due.Url).AbsolutePath;
        Assert.StartsWith(StaleListingTimer.ConfirmPath, path, StringComparison.Ordinal);
        var provider = Anonymous();
        var page = await provider.GetStringAsync(path);
        Assert.Contains(service.Name, page, StringComparison.Ordinal);

        var confirmed = await PostAsync(provider, path, "Confirm", []);
        var again = await provider.GetAsync(path);
        var unknown = await provider.GetAsync(StaleListingTimer.ConfirmPath + "not-a-link-we-sent");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("your listing is confirmed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), await factory.QueryAsync(db => db.Services.Where(s => s.Id == service.Id).Select(s => s.AssuredDate).SingleAsync()));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Changes_a_provider_asks_for_wait_on_the_admin_page_and_an_empty_answer_is_asked_again()
    {
        var service = await StaleServiceAsync(1);
        var asked = BrokerListener<ListingConfirmationDue>.Start(factory.Services);
        await factory.Services.GetRequiredService<StaleListingTimer>().AskAsync(CancellationToken.None);
        var path = new Uri((await asked.ReadAsync(e => e.ServiceId == service.Id)).Url).AbsolutePath;
        var provider = Anonymous();

        var empty = await PostAsync(provider, path, "Changes", [new("Changes", "  ")]);
        var sent = await PostAsync(provider, path, "Changes", [new("Changes", "We now meet on Thursdays at 2pm, not Tuesdays.")]);

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Say what needs changing", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sentPage = await sent.Content.ReadAsStringAsync();
        Assert.True(sentPage.Contains("we will make the changes", StringComparison.Ordinal), sentPage);
        var admin = factory.CreateClientWithToken(TestTokens.For(role: "admin", subject: "ada-admin"));
        var adminPage = await admin.GetStringAsync("/admin/directory");
        Assert.Contains("We now meet on Thursdays at 2pm, not Tuesdays.", adminPage, StringComparison.Ordinal);
        Assert.NotEqual(DateOnly.FromDateTime(DateTime.UtcNow), await factory.QueryAsync(db => db.Services.Where(s => s.Id == service.Id).Select(s => s.AssuredDate).SingleAsync()));
    }

    /// <summary>A demonstration service made the stalest of all (so a pass asks about it first); put back after the test.</summary>
    private async Task<Service> StaleServiceAsync(int skip)
    {
        var service = await factory.QueryAsync(db => db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Active).OrderBy(s => s.Name).Skip(skip).FirstAsync());
        _changed.Add((service.Id, service.AssuredDate));
        await factory.QueryAsync(db => db.Services.Where(s => s.Id == service.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.AssuredDate, new DateOnly(2000, 1, 1))));
        return service;
    }

    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var form = await client.GetStringAsync(path);
        var body = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", FormFields.AntiforgeryToken(form)) };
        return await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(body));
    }
}
