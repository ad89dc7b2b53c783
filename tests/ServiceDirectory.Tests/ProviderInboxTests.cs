using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialPrescribing.Contracts;
using SocialPrescribing.ServiceDirectory.Extensions;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Infrastructure.Seed;
using SocialPrescribing.ServiceDirectory.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>Referrals from link workers in a provider's inbox, over the real broker and database.</summary>
[Collection(DirectoryCollection.Name)]
public sealed class ProviderInboxTests(DirectoryFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Provider(Guid organization) =>
        factory.CreateClientWithToken(TestTokens.For(role: "provider", organization: organization.ToString(), subject: "pat-provider"));

    [Fact]
    public async Task A_request_reaches_only_the_inbox_of_the_organisation_running_the_service()
    {
        var (service, otherOrganization) = await ServiceWithPlacesAsync();
        var request = Request(service.Id);

        await PublishAsync(request);
        var seen = await WaitForInboxAsync(service.OrganizationId, request.ProviderReferralId);

        Assert.Equal("requested", seen["status"]!.GetValue<string>());
        Assert.Equal("Sam", seen["person"]!["givenName"]!.GetValue<string>());
        Assert.Equal(service.Name, seen["serviceName"]!.GetValue<string>());
        var other = await Provider(otherOrganization).GetFromJsonAsync<JsonObject>("/api/directory/referrals?status=all");
        Assert.Empty(other!["referrals"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Provider(otherOrganization).GetAsync($"/api/directory/referrals/{request.ProviderReferralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Provider(otherOrganization).PostAsync($"/api/directory/referrals/{request.ProviderReferralId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/directory/referrals")).StatusCode);
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"));
        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.GetAsync("/api/directory/referrals")).StatusCode);
        // Admins keep the directory and read no referral (least privilege).
        var admin = factory.CreateClientWithToken(TestTokens.For(role: "admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/directory/referrals/{request.ProviderReferralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/directory/referrals?status=all")).StatusCode);
        // The person's name never reaches the open feed.
        var feed = await factory.CreateClient().GetStringAsync($"/api/directory/services/{service.Id}");
        Assert.DoesNotContain("Sam", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_of_the_persons_details_reaches_the_inbox_and_withdrawn_consent_clears_their_contact()
    {
        var (service, _) = await ServiceWithPlacesAsync();
        var request = Request(service.Id);
        await PublishAsync(request);
        await WaitForInboxAsync(service.OrganizationId, request.ProviderReferralId);
        var bus = factory.Services.GetRequiredService<IBus>();

        await bus.Publish(new PersonDetailsChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [], [request.CaseId],
            new SharedWithProvider("Samira", "07700 900456", "samira@example.org"), true, true));
        await DirectoryFactory.Eventually(async () => (await PersonAsync()) is { } p && p["givenName"]!.GetValue<string>() == "Samira");
        var corrected = (await PersonAsync())!;
        Assert.Equal("07700 900456", corrected["phone"]!.GetValue<string>());
        // An email the person had not shared for this referral is not added now.
        Assert.Null(corrected["email"]);

        await bus.Publish(new PersonDetailsChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [], [request.CaseId], null, true, false));
        await DirectoryFactory.Eventually(async () => (await PersonAsync())?["phone"] is null);
        Assert.Equal("Samira", (await PersonAsync())!["givenName"]!.GetValue<string>());

        // A restricted record leaves the provider's inbox (kept, for managers and the person's rights).
        await bus.Publish(new PersonDetailsChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [], [request.CaseId], null, true, false, Restricted: true));
        await DirectoryFactory.Eventually(async () =>
            (await Provider(service.OrganizationId).GetAsync($"/api/directory/referrals/{request.ProviderReferralId}")).StatusCode == HttpStatusCode.NotFound);

        async Task<JsonNode?> PersonAsync() =>
            (await Provider(service.OrganizationId).GetFromJsonAsync<JsonObject>($"/api/directory/referrals/{request.ProviderReferralId}"))!["person"];
    }

    [Fact]
    public async Task Accepting_takes_a_place_tells_case_management_and_cannot_be_done_twice()
    {
        var (service, _) = await ServiceWithPlacesAsync();
        var request = Request(service.Id);
        var accepted = Listen<ProviderReferralAccepted>();
        await PublishAsync(request);
        await WaitForInboxAsync(service.OrganizationId, request.ProviderReferralId);

        var response = await Provider(service.OrganizationId).PostAsync($"/api/directory/referrals/{request.ProviderReferralId}/accept", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        var published = await accepted.ReadAsync(e => e.ProviderReferralId == request.ProviderReferralId);
        Assert.Equal(request.CaseId, published.CaseId);
        Assert.Equal(service.CapacityAvailable - 1, await PlacesFreeAsync(service.Id));
        // Listings show how the service answers, from its real inbox.
        var history = (await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{service.Id}"))!["referral_history"]!;
        Assert.Equal(1, history["received"]!.GetValue<int>());
        Assert.Equal(1.0, history["acceptance_rate"]!.GetValue<double>());
        Assert.Equal(0.0, history["median_response_days"]!.GetValue<double>());
        var again = await Provider(service.OrganizationId).PostAsync($"/api/directory/referrals/{request.ProviderReferralId}/decline", JsonContent.Create(new { reason = "Full" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Finished: the place is free again.
        var completed = await Provider(service.OrganizationId).PostAsync($"/api/directory/referrals/{request.ProviderReferralId}/complete", null);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(service.CapacityAvailable, await PlacesFreeAsync(service.Id));
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_passes_it_on()
    {
        var (service, _) = await ServiceWithPlacesAsync();
        var request = Request(service.Id);
        var declined = Listen<ProviderReferralDeclined>();
        await PublishAsync(request);
        await WaitForInboxAsync(service.OrganizationId, request.ProviderReferralId);
        var inbox = Provider(service.OrganizationId);

        var noReason = await inbox.PostAsync($"/api/directory/referrals/{request.ProviderReferralId}/decline", JsonContent.Create(new { reason = "  " }));
        var notJson = await inbox.PostAsync($"/api/directory/referrals/{request.ProviderReferralId}/decline", new StringContent("reason=full"));
        var answer = await inbox.PostAsync($"/api/directory/referrals/{request.ProviderReferralId}/decline",
            JsonContent.Create(new { reason = "The group is for over-65s." }));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("reason"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("The group is for over-65s.", (await declined.ReadAsync(e => e.ProviderReferralId == request.ProviderReferralId)).Reason);
        var listed = await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services?search={Uri.EscapeDataString(service.Name)}&per_page=200&status=all");
        var entry = listed!["contents"]!.AsArray().Single(x => x!["id"]!.GetValue<Guid>() == service.Id)!;
        Assert.Equal(0.0, entry["referral_history"]!["acceptance_rate"]!.GetValue<double>());
        Assert.Equal(service.CapacityAvailable, await PlacesFreeAsync(service.Id));
    }

    [Fact]
    public async Task A_request_for_a_service_that_cannot_take_it_is_declined_at_once_with_the_reason()
    {
        var declined = Listen<ProviderReferralDeclined>();
        var unknown = Request(Guid.NewGuid());
        Guid closedId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            closedId = await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Services
                .Where(s => s.Status == ServiceStatus.TemporarilyClosed).Select(s => s.Id).FirstAsync();
        }

        var closed = Request(closedId);
        await PublishAsync(unknown);
        await PublishAsync(closed);

        Assert.Contains("not in the directory", (await declined.ReadAsync(e => e.ProviderReferralId == unknown.ProviderReferralId)).Reason, StringComparison.Ordinal);
        Assert.Contains("temporarily closed", (await declined.ReadAsync(e => e.ProviderReferralId == closed.ProviderReferralId)).Reason, StringComparison.Ordinal);
        await using var check = factory.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<DirectoryDbContext>().ProviderReferrals.AnyAsync());
    }

    [Fact]
    public async Task Unanswered_referrals_are_flagged_after_seven_days_and_expire_after_fourteen()
    {
        var (service, _) = await ServiceWithPlacesAsync();
        var request = Request(service.Id);
        var expired = Listen<ProviderReferralExpired>();
        await PublishAsync(request);
        await WaitForInboxAsync(service.OrganizationId, request.ProviderReferralId);

        var (reminded, _) = await TimerAt(DateTimeOffset.UtcNow.AddDays(8)).CheckAsync(CancellationToken.None);
        var flagged = await WaitForInboxAsync(service.OrganizationId, request.ProviderReferralId);
        var (_, gone) = await TimerAt(DateTimeOffset.UtcNow.AddDays(15)).CheckAsync(CancellationToken.None);

        Assert.Equal(1, reminded);
        Assert.NotNull(flagged["remindedAt"]);
        Assert.Equal(1, gone);
        Assert.Equal(request.CaseId, (await expired.ReadAsync(e => e.ProviderReferralId == request.ProviderReferralId)).CaseId);
        var waiting = await Provider(service.OrganizationId).GetFromJsonAsync<JsonObject>("/api/directory/referrals");
        Assert.Empty(waiting!["referrals"]!.AsArray());
    }

    [Fact]
    public async Task The_retention_schedule_removes_a_provider_s_referral_eight_years_after_its_last_answer()
    {
        var (service, _) = await ServiceWithPlacesAsync();
        var request = Request(service.Id);
        await PublishAsync(request);
        await WaitForInboxAsync(service.OrganizationId, request.ProviderReferralId);
        Assert.Equal(HttpStatusCode.OK, (await Provider(service.OrganizationId).PostAsync($"/api/directory/referrals/{request.ProviderReferralId}/accept", null)).StatusCode);
        var answeredAt = await factory.QueryAsync(db => db.ProviderReferrals.Select(r => r.AnsweredAt!.Value).SingleAsync());
        var job = factory.Services.GetRequiredService<SocialPrescribing.Messaging.Retention.RetentionJob<DirectoryDbContext>>();

        var dayBefore = await job.RunOnceAsync(answeredAt.AddYears(8).AddDays(-1), CancellationToken.None);
        var dayAfter = await job.RunOnceAsync(answeredAt.AddYears(8).AddDays(1), CancellationToken.None);

        Assert.Equal(0, dayBefore!.Removed["provider-referrals"]);
        Assert.Equal(1, dayAfter!.Removed["provider-referrals"]);
        Assert.Equal(0, await factory.QueryAsync(db => db.ProviderReferrals.CountAsync()));
        Assert.True(await factory.QueryAsync(db => db.Services.AnyAsync(s => s.Id == service.Id)), "services are not personal data: kept");
    }

    [Fact]
    public async Task The_organisation_is_told_a_referral_is_waiting_and_chased_later_with_nothing_about_the_person()
    {
        var (service, _) = await ServiceWithPlacesAsync();
        var email = await factory.QueryAsync(db => db.Organizations.Where(o => o.Id == service.OrganizationId).Select(o => o.Email).SingleAsync());
        var told = Listen<ProviderNoticeDue>();
        var request = Request(service.Id);
        await PublishAsync(request);
        await WaitForInboxAsync(service.OrganizationId, request.ProviderReferralId);

        var waiting = await told.ReadAsync(n => n.ProviderReferralId == request.ProviderReferralId && n.Kind == "waiting");
        await TimerAt(DateTimeOffset.UtcNow.AddDays(8)).CheckAsync(CancellationToken.None);
        var chaser = await told.ReadAsync(n => n.ProviderReferralId == request.ProviderReferralId && n.Kind == "chaser");

        Assert.Equal((service.OrganizationId, email), (waiting.OrganizationId, waiting.OrganizationEmail));
        Assert.Equal(service.OrganizationId, chaser.OrganizationId);
        foreach (var notice in new[] { waiting, chaser })
        {
            var json = System.Text.Json.JsonSerializer.Serialize(notice);
            Assert.DoesNotContain("Sam", json, StringComparison.Ordinal);
            Assert.DoesNotContain("07700", json, StringComparison.Ordinal);
            Assert.DoesNotContain("mornings", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reading_the_inbox_is_audited()
    {
        var (service, _) = await ServiceWithPlacesAsync();
        var request = Request(service.Id);
        await PublishAsync(request);
        await WaitForInboxAsync(service.OrganizationId, request.ProviderReferralId);

        await using var scope = factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().Set<Messaging.Audit.AuditEntry>()
            .Where(e => e.ResourceType == "provider-referral" && e.Action == "read").ToListAsync();
        Assert.Contains(entries, e => e.ResourceId == request.ProviderReferralId && e.Actor == "pat-provider");
    }

    [Fact]
    public async Task The_provider_page_lists_the_referral_and_answers_it_with_a_reason_required_to_decline()
    {
        var (service, _) = await ServiceWithPlacesAsync();
        var first = Request(service.Id);
        var second = Request(service.Id);
        await PublishAsync(first);
        await PublishAsync(second);
        await WaitForInboxAsync(service.OrganizationId, second.ProviderReferralId);
        // As the gateway does for a browser: the provider's token on every request, redirects followed by hand.
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", TestTokens.For(role: "provider", organization: service.OrganizationId.ToString(), subject: "pat-provider"));

        var page = await browser.GetStringAsync("/provider");
        Assert.Contains("Accept Sam", page, StringComparison.Ordinal);
        Assert.Contains("SP-CASE-TST1", page, StringComparison.Ordinal);

        var noReason = await browser.PostAsync("/provider?handler=Decline", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = first.ProviderReferralId.ToString(), ["Reason"] = " ", ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page),
        }));
        var errorPage = await noReason.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains($"<a href=\"#reason-{first.ProviderReferralId}\">", errorPage, StringComparison.Ordinal);

        var accepted = await browser.PostAsync("/provider?handler=Accept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = first.ProviderReferralId.ToString(), ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var afterwards = await browser.GetStringAsync(accepted.Headers.Location!.ToString());
        Assert.Contains("accepted. Their link worker has been told.", afterwards, StringComparison.Ordinal);
        var view = await browser.GetFromJsonAsync<JsonObject>($"/api/directory/referrals/{first.ProviderReferralId}");
        Assert.Equal("accepted", view!["status"]!.GetValue<string>());

        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"));
        var refused = await linkWorker.GetAsync("/provider");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("You cannot see provider referrals", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_of_the_same_name_referred_to_one_service_are_two_regions_a_screen_reader_tells_apart()
    {
        var (service, _) = await ServiceWithPlacesAsync();
        var first = Request(service.Id);
        var second = Request(service.Id) with { CaseReference = "SP-CASE-TST2" };
        await PublishAsync(first);
        await PublishAsync(second);
        await WaitForInboxAsync(service.OrganizationId, second.ProviderReferralId);
        var page = await Provider(service.OrganizationId).GetStringAsync("/provider");

        // Each card's accessible name: the text of the elements its aria-labelledby names (axe: landmark-unique).
        var names = System.Text.RegularExpressions.Regex.Matches(page, "<section class=\"nhsuk-card\" aria-labelledby=\"([^\"]+)\"")
            .Select(m => string.Join(" ", m.Groups[1].Value.Split(' ').Select(id =>
                System.Text.RegularExpressions.Regex.Match(page, $"id=\"{id}\">([^<]*)<").Groups[1].Value.Trim())))
            .ToList();

        Assert.Equal(2, names.Count);
        Assert.All(names, name => Assert.Contains("Sam, for", name, StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    private ProviderReferralTimer TimerAt(DateTimeOffset now) => new(
        factory.Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new DirectoryOptions()),
        new FixedTime(now),
        NullLogger<ProviderReferralTimer>.Instance);

    private async Task<(Service Service, Guid OtherOrganization)> ServiceWithPlacesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var service = await db.Services.AsNoTracking()
            .Where(s => s.OrganizationId == DemoDirectory.FirstOrganizationId && s.Status == ServiceStatus.Active && s.CapacityAvailable > 1 && s.CapacityAvailable < s.CapacityMaximum)
            .OrderBy(s => s.Name).FirstAsync();
        var other = await db.Organizations.Where(o => o.Id != service.OrganizationId).Select(o => o.Id).FirstAsync();
        return (service, other);
    }

    private async Task<int> PlacesFreeAsync(Guid serviceId) =>
        (await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/directory/services/{serviceId}"))!["capacity"]!["available"]!.GetValue<int>();

    private static ProviderReferralRequested Request(Guid serviceId) => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), serviceId, Guid.NewGuid(), "SP-CASE-TST1", ["loneliness"],
        new SharedWithProvider("Sam", "07700 900123", null), "Would like to meet people; prefers mornings.");

    private Task PublishAsync(ProviderReferralRequested message) =>
        factory.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = message.Id);

    private async Task<JsonObject> WaitForInboxAsync(Guid organization, Guid referralId)
    {
        JsonObject? found = null;
        await DirectoryFactory.Eventually(async () =>
        {
            var inbox = await Provider(organization).GetFromJsonAsync<JsonObject>("/api/directory/referrals?status=all");
            found = inbox!["referrals"]!.AsArray().Select(r => r!.AsObject()).FirstOrDefault(r => r["id"]!.GetValue<Guid>() == referralId);
            return found is not null;
        });
        return found!;
    }

    private BrokerListener<T> Listen<T>()
        where T : class => BrokerListener<T>.Start(factory.Services);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class CapacityRulesTests
{
    [Fact]
    public void Places_never_go_below_none_or_above_the_maximum()
    {
        var service = new Service { CapacityAvailable = 1, CapacityMaximum = 2 };

        service.TakePlace();
        service.TakePlace();
        Assert.Equal(0, service.CapacityAvailable);
        service.FreePlace();
        service.FreePlace();
        service.FreePlace();
        Assert.Equal(2, service.CapacityAvailable);
    }

    [Theory]
    [InlineData("2026-08-26", false)]
    [InlineData("2026-08-25", true)]
    [InlineData(null, true)]
    public void Details_unchecked_for_more_than_three_months_are_stale(string? assured, bool stale)
    {
        var service = new Service { AssuredDate = assured is null ? null : DateOnly.Parse(assured, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(stale, service.IsStale(new DateOnly(2026, 11, 26)));
    }

    [Fact]
    public void The_wait_is_the_median_days_to_acceptance_rounded_up()
    {
        var service = new Service();

        service.EstimateWait([TimeSpan.FromDays(1), TimeSpan.FromDays(9), TimeSpan.FromDays(2.2)]);
        Assert.Equal(3, service.WaitDays);
        service.EstimateWait([TimeSpan.FromHours(5), TimeSpan.FromDays(4)]);
        Assert.Equal(3, service.WaitDays);
        service.EstimateWait([]);
        Assert.Equal(0, service.WaitDays);
    }
}
