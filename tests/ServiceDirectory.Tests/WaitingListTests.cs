using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>A provider keeps their places and pauses referrals; full or paused services keep a waiting list, over the real broker and database.</summary>
[Collection(DirectoryCollection.Name)]
public sealed class WaitingListTests(DirectoryFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    // The services a test keeps are its own (the demonstration directory stays as the other tests expect it).
    private readonly OwnServices _own = new(factory);

    public Task DisposeAsync() => _own.RemoveAsync();

    private HttpClient Provider(Guid organization) =>
        factory.CreateClientWithToken(TestTokens.For(role: "provider", organization: organization.ToString(), subject: "pat-provider"));

    [Fact]
    public async Task A_provider_sets_only_their_own_services_places_within_bounds_and_the_change_is_audited_and_checked()
    {
        var (service, other) = await ServiceAsync();
        var mine = Provider(service.OrganizationId);

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { maximum = -1, available = 0, waitDays = 0, paused = false }, "maximum"),
            (new { maximum = 10_001, available = 0, waitDays = 0, paused = false }, "maximum"),
            (new { maximum = 5, available = -1, waitDays = 0, paused = false }, "available"),
            (new { maximum = 5, available = 0, waitDays = 10_001, paused = false }, "waitDays"),
            (new { maximum = 5, available = 6, waitDays = 0, paused = false }, "available"),
        })
        {
            var refused = await mine.PutAsJsonAsync($"/api/directory/services/{service.Id}/capacity", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(field, (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await mine.PutAsJsonAsync($"/api/directory/services/{service.Id}/capacity", new { maximum = 5, places = 3 })).StatusCode);
        Assert.Equal(service.CapacityAvailable, (await FeedAsync(service.Id))["capacity"]!["available"]!.GetValue<int>());
        // Another organisation's service is not there for this provider; other roles may not keep services at all.
        Assert.Equal(HttpStatusCode.NotFound, (await Provider(other).PutAsJsonAsync($"/api/directory/services/{service.Id}/capacity", new { maximum = 5 })).StatusCode);
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"));
        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.PutAsJsonAsync($"/api/directory/services/{service.Id}/capacity", new { maximum = 5 })).StatusCode);

        var saved = await mine.PutAsJsonAsync($"/api/directory/services/{service.Id}/capacity", new { maximum = 10_000, available = 3, waitDays = 21, paused = true });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var capacity = (await FeedAsync(service.Id))["capacity"]!;
        Assert.Equal((3, 10_000, 21, true), (capacity["available"]!.GetValue<int>(), capacity["maximum"]!.GetValue<int>(), capacity["waitDays"]!.GetValue<int>(), capacity["paused"]!.GetValue<bool>()));
        var kept = await factory.QueryAsync(db => db.Services.AsNoTracking().SingleAsync(s => s.Id == service.Id));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), kept.AssuredDate);
        Assert.Contains("pat-provider", await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>()
            .Where(e => e.ResourceId == service.Id && e.Action == "write").Select(e => e.Actor).ToListAsync()));
    }

    [Fact]
    public async Task A_full_service_puts_requests_on_its_waiting_list_in_order_and_a_freed_place_goes_to_the_first_in_line()
    {
        var (service, _) = await ServiceAsync();
        var provider = Provider(service.OrganizationId);
        await SetAsync(provider, service.Id, new { maximum = 2, available = 0 });
        var waitlisted = Listen<ProviderReferralWaitlisted>();
        var offered = Listen<ProviderReferralOffered>();
        var moved = Listen<WaitingListMoved>();
        var (first, second) = (Request(service.Id), Request(service.Id));

        await PublishAsync(first);
        Assert.Equal((1, "full"), await PositionAsync(waitlisted, first));
        await PublishAsync(second);
        Assert.Equal((2, "full"), await PositionAsync(waitlisted, second));

        var list = await InboxAsync(provider, "waiting");
        Assert.Equal([(first.ProviderReferralId, 1), (second.ProviderReferralId, 2)], list.Select(r => (r["id"]!.GetValue<Guid>(), r["position"]!.GetValue<int>())));
        Assert.Empty(await InboxAsync(provider, "requested"));
        Assert.Equal(2, (await provider.GetFromJsonAsync<JsonObject>($"/api/directory/referrals/{second.ProviderReferralId}"))!["position"]!.GetValue<int>());
        // Nobody on a waiting list can be accepted before a place is offered.
        Assert.Equal(HttpStatusCode.Conflict, (await provider.PostAsync($"/api/directory/referrals/{second.ProviderReferralId}/accept", null)).StatusCode);

        // A place comes free: the first in line is offered it; the second moves up.
        await SetAsync(provider, service.Id, new { maximum = 2, available = 1 });
        Assert.Equal(first.CaseId, (await offered.ReadAsync(e => e.ProviderReferralId == first.ProviderReferralId)).CaseId);
        var after = await moved.ReadAsync(e => e.ServiceId == service.Id && e.Places.Count == 1);
        Assert.Equal(new WaitingListPlace(second.ProviderReferralId, second.CaseId, 1), after.Places[0]);
        Assert.Equal([first.ProviderReferralId], (await InboxAsync(provider, "requested")).Select(r => r["id"]!.GetValue<Guid>()));

        // A newcomer joins behind those waiting even while the offered place is unanswered.
        var third = Request(service.Id);
        await PublishAsync(third);
        Assert.Equal((2, "full"), await PositionAsync(waitlisted, third));

        // The first is taken on (no place left for the next); when they finish, the next in line is offered the place.
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/directory/referrals/{first.ProviderReferralId}/accept", null)).StatusCode);
        Assert.Equal(2, (await InboxAsync(provider, "waiting")).Count);
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/directory/referrals/{first.ProviderReferralId}/complete", null)).StatusCode);
        await offered.ReadAsync(e => e.ProviderReferralId == second.ProviderReferralId);
        Assert.Equal([(third.ProviderReferralId, 1)], (await InboxAsync(provider, "waiting")).Select(r => (r["id"]!.GetValue<Guid>(), r["position"]!.GetValue<int>())));
    }

    [Fact]
    public async Task Paused_referrals_wait_until_resumed_and_a_withdrawn_request_leaves_the_line()
    {
        var (service, _) = await ServiceAsync();
        var provider = Provider(service.OrganizationId);
        await SetAsync(provider, service.Id, new { maximum = 10, available = 5, paused = true });
        var waitlisted = Listen<ProviderReferralWaitlisted>();
        var offered = Listen<ProviderReferralOffered>();
        var (first, second) = (Request(service.Id), Request(service.Id));

        await PublishAsync(first);
        Assert.Equal((1, "paused"), await PositionAsync(waitlisted, first));
        await PublishAsync(second);
        Assert.Equal((2, "paused"), await PositionAsync(waitlisted, second));

        // The link worker chooses another service for the first: it leaves the line and the second moves up.
        await factory.Services.GetRequiredService<IBus>().Publish(
            new ProviderReferralWithdrawn(Guid.NewGuid(), DateTimeOffset.UtcNow, first.ProviderReferralId, service.Id, first.CaseId));
        await DirectoryFactory.Eventually(async () => (await InboxAsync(provider, "waiting")).Count == 1);
        Assert.Equal(1, (await InboxAsync(provider, "waiting"))[0]["position"]!.GetValue<int>());
        Assert.Equal("withdrawn", (await provider.GetFromJsonAsync<JsonObject>($"/api/directory/referrals/{first.ProviderReferralId}"))!["status"]!.GetValue<string>());

        // Resumed with places free: whoever waits is offered a place.
        await SetAsync(provider, service.Id, new { maximum = 10, available = 5, paused = false });
        await offered.ReadAsync(e => e.ProviderReferralId == second.ProviderReferralId);
        Assert.Empty(await InboxAsync(provider, "waiting"));
    }

    private async Task<(Service Service, Guid OtherOrganization)> ServiceAsync() =>
        (await _own.AddAsync("Test allotment club"), (await _own.AddAsync("Test other club")).OrganizationId);

    private static async Task SetAsync(HttpClient provider, Guid serviceId, object capacity)
    {
        var response = await provider.PutAsJsonAsync($"/api/directory/services/{serviceId}/capacity", capacity);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> FeedAsync(Guid serviceId) =>
        (await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{serviceId}"))!;

    private static async Task<List<JsonObject>> InboxAsync(HttpClient provider, string status) =>
        [.. (await provider.GetFromJsonAsync<JsonObject>($"/api/directory/referrals?status={status}"))!["referrals"]!.AsArray().Select(r => r!.AsObject())];

    private static async Task<(int Position, string Why)> PositionAsync(BrokerListener<ProviderReferralWaitlisted> listener, ProviderReferralRequested request)
    {
        var seen = await listener.ReadAsync(e => e.ProviderReferralId == request.ProviderReferralId);
        return (seen.Position, seen.Why);
    }

    private static ProviderReferralRequested Request(Guid serviceId) => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), serviceId, Guid.NewGuid(), "SP-CASE-TST2", ["loneliness"],
        new SharedWithProvider("Robin", null, null), null);

    private Task PublishAsync(ProviderReferralRequested message) =>
        factory.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = message.Id);

    private BrokerListener<T> Listen<T>()
        where T : class => BrokerListener<T>.Start(factory.Services);
}
