using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>
/// The person's consent changed at Intake (PersonDetailsChanged): their case follows it. A withdrawn GP
/// consent stops the GP summary; a withdrawn provider consent keeps their contact details from providers.
/// </summary>
[Collection(CaseCollection.Name)]
public sealed class PersonConsentTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient LinkWorker() => factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));

    [Fact]
    public async Task Withdrawn_consent_stops_the_GP_summary_and_sends_providers_a_first_name_only()
    {
        var caseId = await factory.OpenCaseAsync("SP-CNS1-B2CD", area: "LS1", shareWithGp: "full");
        var requested = BrokerListener<ProviderReferralRequested>.Start(factory.Services);

        await TellAsync(caseId, shareWithGp: false, shareWithProviders: false);

        var view = await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
        Assert.Equal("none", view!["shareWithGp"]!.GetValue<string>());
        var response = await LinkWorker().PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new
        {
            serviceId = Guid.NewGuid(), serviceName = "Knit and natter", person = new { givenName = "Ada", phone = "07700 900123", email = "ada@example.org" }, personAgreed = true,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await requested.ReadAsync(r => r.CaseId == caseId);
        Assert.Equal(new SharedWithProvider("Ada", null, null), sent.Person);

        Assert.Equal(HttpStatusCode.OK, (await LinkWorker().PostAsJsonAsync($"/api/cases/{caseId}/contacts", new { outcome = "reached" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LinkWorker().PostAsJsonAsync($"/api/cases/{caseId}/steps", new { to = "Declined", reason = "Not for now" })).StatusCode);
        var summary = await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}/gp-summary");
        Assert.False(summary!["shared"]!.GetValue<bool>());

        // Given again: the referral's own answer applies again.
        await TellAsync(caseId, shareWithGp: true, shareWithProviders: true);
        Assert.True((await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}/gp-summary"))!["shared"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_restricted_persons_case_is_seen_by_managers_only_until_it_is_lifted()
    {
        var caseId = await factory.OpenCaseAsync("SP-RST1-B2CD", area: "LS1");
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager"));

        await TellAsync(caseId, shareWithGp: true, shareWithProviders: true, restricted: true);

        Assert.Equal(HttpStatusCode.NotFound, (await LinkWorker().GetAsync($"/api/cases/{caseId}")).StatusCode);
        Assert.DoesNotContain(caseId.ToString(), await LinkWorker().GetStringAsync("/api/cases?pageSize=100"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/cases/{caseId}")).StatusCode);
        await TellAsync(caseId, shareWithGp: true, shareWithProviders: true, restricted: false);
        Assert.Equal(HttpStatusCode.OK, (await LinkWorker().GetAsync($"/api/cases/{caseId}")).StatusCode);
    }

    private async Task TellAsync(Guid caseId, bool shareWithGp, bool shareWithProviders, bool restricted = false)
    {
        var changed = new PersonDetailsChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [], [caseId],
            shareWithProviders ? new SharedWithProvider("Ada", null, null) : null, shareWithGp, shareWithProviders, restricted);
        await factory.Services.GetRequiredService<IBus>().Publish(changed, ctx => ctx.MessageId = changed.Id);
        await factory.WaitForInboxAsync(changed.Id);
    }
}
