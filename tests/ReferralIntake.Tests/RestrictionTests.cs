using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// Restriction (UK GDPR Article 18): a manager restricts the use of a person's record; it is kept, but only
/// managers find or read it, and every service is told; lifting it gives it back to the person's link workers.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class RestrictionTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Manager => factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "mo-manager"));

    [Fact]
    public async Task A_restricted_record_is_kept_but_only_managers_see_it_until_the_restriction_is_lifted()
    {
        var (referralId, personId, caseId) = await factory.PersonWithACaseAsync();
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"));
        Assert.Single((await linkWorker.GetFromJsonAsync<JsonObject>("/api/people?search=lovelace"))!["items"]!.AsArray());
        var told = BrokerListener<PersonDetailsChanged>.Start(factory.Services);

        var restricted = await Manager.PostAsJsonAsync($"/api/people/{personId}/restriction", new { reason = "Contests the accuracy of the referral" });

        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        Assert.True((await restricted.Content.ReadFromJsonAsync<JsonObject>())!["restricted"]!.GetValue<bool>());
        Assert.True((await told.ReadAsync(e => e.PersonId == personId)).Restricted);
        Assert.Empty((await linkWorker.GetFromJsonAsync<JsonObject>("/api/people?search=lovelace"))!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await linkWorker.GetAsync($"/api/people/{personId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await linkWorker.GetAsync($"/api/referrals/{referralId}/person")).StatusCode);
        Assert.Empty((await linkWorker.GetFromJsonAsync<JsonArray>($"/api/referrals/names?id={referralId}"))!);
        Assert.Equal(HttpStatusCode.OK, (await Manager.GetAsync($"/api/referrals/{referralId}/person")).StatusCode);
        var change = await factory.QueryAsync(db => db.PersonChanges.AsNoTracking().SingleAsync());
        Assert.Equal(("restricted", "Contests the accuracy of the referral"), (change.Kind, change.Reason));
        Assert.Equal(1, await factory.QueryAsync(db => db.People.CountAsync()));

        var lifted = await Manager.DeleteAsync($"/api/people/{personId}/restriction");

        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.False((await told.ReadAsync(e => e.PersonId == personId && !e.Restricted)).Restricted);
        Assert.Equal(HttpStatusCode.OK, (await linkWorker.GetAsync($"/api/people/{personId}")).StatusCode);
        Assert.Equal([caseId], (await told.ReadAsync(e => e.PersonId == personId)).CaseIds);
    }

    [Fact]
    public async Task Restriction_needs_a_reason_and_a_manager()
    {
        var (_, personId, _) = await factory.PersonWithACaseAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await Manager.PostAsync($"/api/people/{personId}/restriction", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"))
            .PostAsJsonAsync($"/api/people/{personId}/restriction", new { reason = "Asked" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager.PostAsJsonAsync($"/api/people/{Guid.NewGuid()}/restriction", new { reason = "Asked" })).StatusCode);
        Assert.False((await factory.QueryAsync(db => db.People.SingleAsync())).Restricted);
    }
}
