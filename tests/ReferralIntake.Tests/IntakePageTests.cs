using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>/intake: phone referrals by call handlers, questions to read aloud, read-back confirmed.</summary>
[Collection(IntakeCollection.Name)]
public sealed partial class IntakePageTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_call_handler_takes_a_phone_referral_after_the_read_back()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", TestTokens.For(role: "callhandler", subject: "cara-callhandler"));
        var page = await client.GetStringAsync("/intake");
        Assert.Contains("What is your first name?", page, StringComparison.Ordinal);

        var sent = await PostAsync(client, page, confirmed: true);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var response = await client.GetAsync(sent.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<strong id=\"reference\">SP-[2-9A-Z]{4}-[2-9A-Z]{4}</strong>", html);
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ReferralDbContext>().Referrals.SingleAsync();
        Assert.Equal(("phone", "phone"), (stored.Channel, stored.Source));
    }

    [Fact]
    public async Task Without_the_read_back_nothing_is_sent()
    {
        var client = factory.CreateClientWithToken(TestTokens.For(role: "callhandler"));
        var page = await client.GetStringAsync("/intake");

        var response = await PostAsync(client, page, confirmed: false);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#caller-confirmed\">Read the details back", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Grace\"", html, StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task A_caller_at_risk_keeps_the_crisis_routes_on_screen_while_the_form_asks_for_corrections()
    {
        var client = factory.CreateClientWithToken(TestTokens.For(role: "callhandler"));
        var page = await client.GetStringAsync("/intake");
        var fields = ReferPageTests.ValidForm();
        fields["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page);
        fields["HarmToSelf"] = "yes";

        var html = await (await client.PostAsync("/intake", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync();

        Assert.Contains("Read the details back", html, StringComparison.Ordinal);
        Assert.Contains("Get help now", html, StringComparison.Ordinal);
        Assert.Contains("116 123", html, StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Other_staff_are_told_they_cannot_take_phone_referrals_and_store_nothing()
    {
        var client = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"));

        var get = await client.GetAsync("/intake");
        var html = await get.Content.ReadAsStringAsync();
        var post = await client.PostAsync("/intake", new FormUrlEncodedContent(ReferPageTests.ValidForm()));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Contains("You cannot take phone referrals", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" novalidate>", html, StringComparison.Ordinal);
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/intake")).StatusCode);
    }

    [Fact]
    public async Task A_call_handler_raises_a_safeguarding_concern_with_the_referral_and_it_goes_only_to_case_management()
    {
        var submitted = BrokerListener<SocialPrescribing.Contracts.ReferralSubmitted>.Start(factory.Services);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", TestTokens.For(role: "callhandler", subject: "cara-callhandler"));
        var page = await client.GetStringAsync("/intake");
        var fields = ReferPageTests.ValidForm();
        fields["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page);
        fields["CallerConfirmed"] = "true";
        fields["RaiseConcern"] = "yes";
        fields["ConcernSubject"] = "child";
        fields["ConcernDanger"] = "yes";

        // Not enough yet: every missing answer is named, 999 is on screen, nothing is sent.
        var incomplete = await (await client.PostAsync("/intake", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#concern-category\">Choose the category", incomplete, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#concern-description\">Describe what was seen or said", incomplete, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#concern-aware\">", incomplete, StringComparison.Ordinal);
        Assert.Contains("call 999 now", incomplete, StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);

        fields["ConcernCategory"] = "neglect";
        fields["ConcernDescription"] = "The caller says her grandson of 6 is left alone overnight.";
        fields["ConcernPersonAware"] = "yes";
        fields["ConcernConsent"] = "no";
        var sent = await client.PostAsync("/intake", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var confirmation = await (await client.GetAsync(sent.Headers.Location)).Content.ReadAsStringAsync();

        Assert.Contains("call 999 now", confirmation, StringComparison.Ordinal);
        var message = await submitted.ReadAsync(m => m.Concern is not null);
        Assert.Equal(("child", "neglect", true, false, true, "cara-callhandler"),
            (message.Concern!.Subject, message.Concern.Category, message.Concern.PersonAware, message.Concern.Consent, message.Concern.ImmediateDanger, message.Concern.RaisedBy));
        Assert.Equal("The caller says her grandson of 6 is left alone overnight.", message.Concern.Description);
        // Intake keeps no copy of the concern: it is Case Management's.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralDbContext>();
        Assert.DoesNotContain("grandson", System.Text.Json.JsonSerializer.Serialize(await db.Referrals.AsNoTracking().SingleAsync()), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, bool confirmed)
    {
        var fields = ReferPageTests.ValidForm();
        fields["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page);
        if (confirmed)
        {
            fields["CallerConfirmed"] = "true";
        }

        return client.PostAsync("/intake", new FormUrlEncodedContent(fields));
    }

}
