using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

[Collection(CaseCollection.Name)]
public sealed class CasesTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReferralSubmitted_from_the_broker_opens_a_case_at_step_Referral()
    {
        var submitted = Submitted("SP-AB2C-D3EF", urgent: true);

        await PublishAsync(submitted);

        var client = LinkWorker();
        JsonObject? found = null;
        await CaseFactory.Eventually(async () =>
        {
            var response = await client.GetAsync($"/api/cases/by-reference/{submitted.Reference}");
            found = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
            return found is not null;
        });
        Assert.Equal("Referral", found!["step"]!.GetValue<string>());
        Assert.Equal(submitted.ReferralId, found["referralId"]!.GetValue<Guid>());
        Assert.True(found["urgent"]!.GetValue<bool>());

        var byId = await client.GetFromJsonAsync<JsonObject>($"/api/cases/{found["id"]}");
        Assert.Equal(submitted.Reference, byId!["reference"]!.GetValue<string>());

        var page = await client.GetFromJsonAsync<JsonObject>("/api/cases?step=Referral&urgent=true");
        Assert.Equal(1, page!["totalItems"]!.GetValue<int>());
        Assert.Equal(submitted.Reference, page["items"]![0]!["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_redelivered_or_repeated_referral_opens_one_case()
    {
        var submitted = Submitted("SP-GH4J-K5MN", urgent: false);

        await PublishAsync(submitted);
        await PublishAsync(submitted); // the same message again (same message id)
        await PublishAsync(submitted with { Id = Guid.NewGuid() }); // a second event for the same referral

        await CaseFactory.Eventually(async () => await InboxCountAsync() == 2);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        Assert.Equal(1, await db.Cases.CountAsync(c => c.ReferralId == submitted.ReferralId));
    }

    [Theory]
    [InlineData("/api/cases?step=Sleeping", "step")]
    [InlineData("/api/cases?step=3", "step")]
    [InlineData("/api/cases?pageSize=1000", "pageSize")]
    [InlineData("/api/cases?page=0", "page")]
    public async Task Bad_list_filters_get_400_naming_the_parameter(string url, string parameter)
    {
        var response = await LinkWorker().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(parameter));
    }

    [Fact]
    public async Task Unknown_case_is_404()
    {
        var client = LinkWorker();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/cases/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/cases/by-reference/SP-ZZZZ-ZZZZ")).StatusCode);
    }

    private HttpClient LinkWorker() => factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"));

    private static ReferralSubmitted Submitted(string reference, bool urgent) => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), reference, "self", "self",
        ["loneliness"], urgent, new ReferralConsent(true, "codesOnly"), Guid.NewGuid());

    private async Task PublishAsync(ReferralSubmitted message)
    {
        var bus = factory.Services.GetRequiredService<IBus>();
        await bus.Publish(message, ctx => ctx.MessageId = message.Id);
    }

    private async Task<int> InboxCountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        return await db.Set<Messaging.Inbox.InboxMessage>().CountAsync();
    }
}
