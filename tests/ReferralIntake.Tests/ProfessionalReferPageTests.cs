using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>/refer/professional: signed-in professionals refer someone they work with.</summary>
[Collection(IntakeCollection.Name)]
public sealed class ProfessionalReferPageTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_professional_refers_someone_and_the_referral_says_who_referred()
    {
        var client = Professional(allowRedirects: false);
        var page = await client.GetStringAsync("/refer/professional");
        Assert.Contains("Their first name", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Dr Priya Professional\"", page, StringComparison.Ordinal);

        var sent = await PostAsync(client, page, Form());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var confirmation = await (await client.GetAsync(sent.Headers.Location)).Content.ReadAsStringAsync();

        Assert.Matches("<strong id=\"reference\">SP-[2-9A-Z]{4}-[2-9A-Z]{4}</strong>", confirmation);
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ReferralDbContext>().Referrals.SingleAsync();
        Assert.Equal(("professional", "GP"), (stored.Channel, stored.Source));
        Assert.Equal(("Dr Priya Professional", "Hyde Park Surgery"), (stored.ReferrerName, stored.ReferrerOrganisation));
    }

    [Fact]
    public async Task A_risk_answered_yes_keeps_the_crisis_routes_on_the_page_that_asks_for_corrections()
    {
        var client = Professional(allowRedirects: true);
        var page = await client.GetStringAsync("/refer/professional");
        var form = Form();
        form["HarmToOthers"] = "yes";
        form["ReferrerName"] = "";

        var html = await (await PostAsync(client, page, form)).Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"#referrer-name\">", html, StringComparison.Ordinal);
        Assert.Contains("Get help now", html, StringComparison.Ordinal);
        Assert.Contains("116 123", html, StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Missing_referrer_details_are_shown_next_to_their_fields_and_nothing_is_stored()
    {
        var client = Professional(allowRedirects: true);
        var page = await client.GetStringAsync("/refer/professional");
        var form = Form();
        form["ReferrerName"] = "";
        form["ReferrerRole"] = "";
        form["ReferrerEmail"] = "not an email";

        var html = await (await PostAsync(client, page, form)).Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"#referrer-name\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#referrer-role\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#referrer-email\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"referrer-role-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Hyde Park Surgery\"", html, StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Other_staff_are_told_the_form_is_for_professionals_and_store_nothing()
    {
        var client = factory.CreateClientWithToken(TestTokens.For(role: "callhandler"));

        var get = await client.GetAsync("/refer/professional");
        var post = await client.PostAsync("/refer/professional", new FormUrlEncodedContent(Form()));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Contains("You cannot make professional referrals", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/refer/professional")).StatusCode);
    }

    [Fact]
    public async Task A_professional_may_use_the_api_for_the_professional_channel()
    {
        var body = Referrals.ValidSelfReferral().With(r =>
        {
            r["channel"] = "professional";
            r["referrer"] = new JsonObject { ["name"] = "Dr Priya Professional", ["role"] = "practice nurse" };
        });

        var byProfessional = await Professional(allowRedirects: false).PostAsJsonAsync("/api/referrals", body);
        var byLinkWorker = await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north")).PostAsJsonAsync("/api/referrals", body);

        Assert.Equal(HttpStatusCode.Created, byProfessional.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byLinkWorker.StatusCode);
    }

    private HttpClient Professional(bool allowRedirects)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = allowRedirects });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", TestTokens.For(role: "professional", subject: "Dr Priya Professional"));
        return client;
    }

    private static Dictionary<string, string> Form()
    {
        var form = ReferPageTests.ValidForm();
        form["ReferrerName"] = "Dr Priya Professional";
        form["ReferrerRole"] = "GP";
        form["ReferrerOrganisation"] = "Hyde Park Surgery";
        return form;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, Dictionary<string, string> form)
    {
        var fields = form.ToDictionary();
        fields["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page);
        return client.PostAsync("/refer/professional", new FormUrlEncodedContent(fields));
    }
}
