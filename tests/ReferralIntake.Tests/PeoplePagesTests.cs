using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// The staff screens for people (/people, /people/{id}) and the public pages every footer links to:
/// the privacy notice, accessibility statement and cookies, naming the controller from settings.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class PeoplePagesTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_manager_finds_a_person_by_a_misspelt_name_and_opens_their_record()
    {
        var created = await (await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral())).Content.ReadFromJsonAsync<JsonObject>();
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "mo-manager"));

        var html = await manager.GetStringAsync("/people?search=Lovlace");

        Assert.Contains("1 person found", html, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", html, StringComparison.Ordinal);
        Assert.Contains(created!["reference"]!.GetValue<string>(), html, StringComparison.Ordinal);
        var personId = await factory.QueryAsync(db => db.People.Select(p => p.Id).SingleAsync());
        var record = await manager.GetStringAsync($"/people/{personId}");
        Assert.Contains("<h1>Ada Lovelace", record, StringComparison.Ordinal);
        Assert.Contains("943 476 5919", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_worker_corrects_a_phone_number_on_the_form_after_fixing_a_mistake_and_withdraws_gp_consent()
    {
        var created = await (await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral())).Content.ReadFromJsonAsync<JsonObject>();
        var referralId = created!["id"]!.GetValue<Guid>();
        var opened = new SocialPrescribing.Contracts.CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), referralId, created["reference"]!.GetValue<string>(), false, Team: "north");
        await factory.Services.GetRequiredService<IBus>().Publish(opened, c => c.MessageId = opened.Id);
        await factory.WaitForInboxAsync(opened.Id);
        var personId = await factory.QueryAsync(db => db.People.Select(p => p.Id).SingleAsync());
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));
        var form = await client.GetStringAsync($"/people/{personId}/edit");
        Assert.Contains("value=\"07700900123\"", form, StringComparison.Ordinal);
        Dictionary<string, string> Fields(string phone) => new()
        {
            ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(form), ["GivenName"] = "Ada", ["FamilyName"] = "Lovelace",
            ["DobDay"] = "10", ["DobMonth"] = "12", ["DobYear"] = "1990", ["Postcode"] = "LS1 4AP", ["Phone"] = phone, ["Email"] = "ada@example.org",
            ["NhsNumber"] = "9434765919", ["PreferredContact"] = "phone", ["ShareWithProviders"] = "true", ["Reason"] = "New number",
        };

        var wrong = await client.PostAsync($"/people/{personId}/edit", new FormUrlEncodedContent(Fields("12")));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("<a href=\"#phone\">Enter a UK phone number", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await client.PostAsync($"/people/{personId}/edit", new FormUrlEncodedContent(Fields("0113 496 0002")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await factory.QueryAsync(db => db.People.AsNoTracking().SingleAsync());
        Assert.Equal(("01134960002", true, false), (stored.Phone, stored.GpConsentWithdrawn, stored.ProviderConsentWithdrawn));
        var change = await factory.QueryAsync(db => db.PersonChanges.AsNoTracking().SingleAsync());
        Assert.Equal(("lw-north", "New number"), (change.By, change.Reason));
        Assert.Equal(["phone", "shareWithGp"], change.Fields.Keys.Order());
    }

    [Fact]
    public async Task A_manager_restricts_a_record_on_its_page_and_lifts_it_again()
    {
        var (_, personId, _) = await factory.PersonWithACaseAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(role: "manager", subject: "mo-manager"));
        var page = await client.GetStringAsync($"/people/{personId}");
        Assert.Contains("Restrict use of this record", page, StringComparison.Ordinal);

        var restricted = await client.PostAsync($"/people/{personId}?handler=Restrict", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page), ["reason"] = "Contests the referral",
        }));

        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);
        Assert.True((await factory.QueryAsync(db => db.People.AsNoTracking().SingleAsync())).Restricted);
        page = await client.GetStringAsync($"/people/{personId}");
        Assert.Contains("Restricted record", page, StringComparison.Ordinal);
        await client.PostAsync($"/people/{personId}?handler=Lift", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page),
        }));
        Assert.False((await factory.QueryAsync(db => db.People.AsNoTracking().SingleAsync())).Restricted);
    }

    [Fact]
    public async Task An_empty_or_one_letter_search_says_what_is_needed_and_records_nothing()
    {
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager"));

        var response = await manager.GetAsync("/people?search=a");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#search\">Enter at least 2 characters", html, StringComparison.Ordinal);
        Assert.Contains("Error: Find a person", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/people?search=")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/people")).StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.PersonSearches.CountAsync()));
    }

    [Fact]
    public async Task Call_handlers_are_told_they_cannot_search_and_other_peoples_records_are_not_found()
    {
        var callHandler = factory.CreateClientWithToken(TestTokens.For(role: "callhandler"));
        var response = await callHandler.GetAsync("/people?search=lovelace");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You cannot search for people", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await callHandler.GetAsync($"/people/{Guid.NewGuid()}")).StatusCode);
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/people?search=lovelace")).StatusCode);
    }

    [Theory]
    [InlineData("/privacy", "Article 6(1)(e)")]
    [InlineData("/privacy", "Article 9(2)(h)")]
    [InlineData("/privacy", "ico.org.uk/make-a-complaint")]
    [InlineData("/accessibility", "partially compliant with the")]
    [InlineData("/accessibility", "Enforcement procedure")]
    [InlineData("/cookies", "sp.session")]
    [InlineData("/cookies", "sp.known-browser")]
    public async Task The_public_pages_say_what_the_law_asks(string path, string words)
    {
        var html = await factory.CreateClient().GetStringAsync(path);

        Assert.Contains(words, html, StringComparison.Ordinal);
        Assert.Contains("The social prescribing service", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_controllers_name_and_contact_are_settings_and_every_page_links_to_the_public_pages()
    {
        await using var configured = factory.WithWebHostBuilder(b => b
            .UseSetting("Privacy:ControllerName", "Leeds Community Health Trust")
            .UseSetting("Privacy:ControllerContact", "dpo@leeds.example"));

        var privacy = await configured.CreateClient().GetStringAsync("/privacy");
        var home = await configured.CreateClient().GetStringAsync("/");
        await configured.BusStartedAsync();

        Assert.Contains("Leeds Community Health Trust is the data controller", privacy, StringComparison.Ordinal);
        Assert.Contains("dpo@leeds.example", privacy, StringComparison.Ordinal);
        foreach (var link in new[] { "href=\"/privacy\"", "href=\"/accessibility\"", "href=\"/cookies\"" })
        {
            Assert.Contains(link, home, StringComparison.Ordinal);
        }
    }
}
