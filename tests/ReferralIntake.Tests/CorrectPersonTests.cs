using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// Rectification and consent changes (PATCH /api/people/{id}): checked as a referral's details are,
/// kept in the person's history with who and why, audited, and told to every service that holds a copy.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class CorrectPersonTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_link_worker_corrects_the_persons_name_and_phone_and_every_copy_is_told()
    {
        var (referralId, personId, caseId) = await factory.PersonWithACaseAsync();
        var changed = BrokerListener<PersonDetailsChanged>.Start(factory.Services);
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));

        var response = await linkWorker.PatchAsJsonAsync($"/api/people/{personId}", new
        {
            givenName = "Augusta", phone = "0113 496 0001", email = (string?)null, preferredContact = "phone", reason = "She told us on the phone",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var person = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Augusta", person["givenName"]!.GetValue<string>());
        Assert.Equal("01134960001", person["phone"]!.GetValue<string>());
        Assert.Null(person["email"]);
        var change = person["history"]![0]!;
        Assert.Equal(("corrected", "lw-north", "She told us on the phone"),
            (change["kind"]!.GetValue<string>(), change["by"]!.GetValue<string>(), change["reason"]!.GetValue<string>()));
        Assert.Equal(("Ada", "Augusta"), (change["fields"]!["givenName"]!["from"]!.GetValue<string>(), change["fields"]!["givenName"]!["to"]!.GetValue<string>()));
        Assert.Equal("ada@example.org", change["fields"]!["email"]!["from"]!.GetValue<string>());
        var told = await changed.ReadAsync(e => e.PersonId == personId);
        Assert.Equal([caseId], told.CaseIds);
        Assert.Equal([referralId], told.ReferralIds);
        Assert.Equal(new SharedWithProvider("Augusta", "01134960001", null), told.SharedWithProviders);
        // The referral's own page and the search show the person as they are now.
        Assert.Equal("Augusta", (await linkWorker.GetFromJsonAsync<JsonObject>($"/api/referrals/{referralId}/person"))!["givenName"]!.GetValue<string>());
        Assert.Single((await linkWorker.GetFromJsonAsync<JsonObject>("/api/people?search=augusta%20lovelace"))!["items"]!.AsArray());
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>()
            .CountAsync(a => a.Action == "write" && a.ResourceType == "person" && a.ResourceId == personId && a.Actor == "lw-north")));
    }

    [Fact]
    public async Task Withdrawn_consent_stops_sharing_with_the_GP_and_clears_what_providers_hold()
    {
        var (referralId, personId, _) = await factory.PersonWithACaseAsync();
        var changed = BrokerListener<PersonDetailsChanged>.Start(factory.Services);
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "mo-manager"));

        var response = await manager.PatchAsJsonAsync($"/api/people/{personId}", new { consent = new { shareWithGp = false, shareWithProviders = false }, reason = "Letter of 2 December" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var person = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(person["consent"]!["shareWithGp"]!.GetValue<bool>());
        Assert.False(person["consent"]!["shareWithProviders"]!.GetValue<bool>());
        Assert.Equal("consent", person["history"]![0]!["kind"]!.GetValue<string>());
        var referral = await manager.GetFromJsonAsync<JsonObject>($"/api/referrals/{referralId}/person");
        Assert.Equal("none", referral!["shareWithGp"]!.GetValue<string>());
        Assert.True(referral["providerConsentWithdrawn"]!.GetValue<bool>());
        var told = await changed.ReadAsync(e => e.PersonId == personId);
        Assert.False(told.ShareWithGp);
        Assert.Null(told.SharedWithProviders);

        // Given again: the referral's own answer (codes only) applies again.
        await manager.PatchAsJsonAsync($"/api/people/{personId}", new { consent = new { shareWithGp = true } });
        Assert.Equal("codesOnly", (await manager.GetFromJsonAsync<JsonObject>($"/api/referrals/{referralId}/person"))!["shareWithGp"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"phone\":\"12\"}", "phone")]
    [InlineData("{\"postcode\":\"ZZ99 9ZZ\"}", "postcode")]
    [InlineData("{\"givenName\":\"\"}", "givenName")]
    [InlineData("{\"phone\":null,\"email\":null}", "phone")]
    [InlineData("{\"preferredContact\":\"pigeon\"}", "preferredContact")]
    [InlineData("{\"consent\":{\"shareWithGp\":\"no\"}}", "consent.shareWithGp")]
    [InlineData("{\"nickname\":\"Ada\"}", "nickname")]
    public async Task A_wrong_correction_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var (_, personId, _) = await factory.PersonWithACaseAsync();
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager"));

        var response = await manager.PatchAsync($"/api/people/{personId}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotNull(problem["errors"]![field]);
        var stored = await factory.QueryAsync(db => db.People.AsNoTracking().SingleAsync());
        Assert.Equal(("Ada", "07700900123", "LS1 4AP"), (stored.GivenName, stored.Phone, stored.Postcode));
        Assert.Equal(0, await factory.QueryAsync(db => db.PersonChanges.CountAsync()));
    }

    [Fact]
    public async Task Only_those_who_may_see_the_person_may_correct_them()
    {
        var (_, personId, _) = await factory.PersonWithACaseAsync();
        var body = new { givenName = "Augusta" };

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south"))
            .PatchAsJsonAsync($"/api/people/{personId}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "callhandler"))
            .PatchAsJsonAsync($"/api/people/{personId}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClientWithToken(TestTokens.For(role: "manager"))
            .PatchAsJsonAsync($"/api/people/{Guid.NewGuid()}", body)).StatusCode);
        Assert.Equal("Ada", (await factory.QueryAsync(db => db.People.SingleAsync())).GivenName);
    }
}
