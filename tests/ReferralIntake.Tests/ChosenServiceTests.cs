using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>"Refer myself to this service" from the directory: the chosen service travels with the referral.</summary>
[Collection(IntakeCollection.Name)]
public sealed class ChosenServiceTests(IntakeFactory factory) : IAsyncLifetime
{
    private static readonly Guid WalkingGroup = Guid.Parse("5d0c6a43-2c53-4f4c-8f55-2a8f0a2d8a11");

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_form_opened_from_a_service_page_keeps_the_service_and_the_case_hears_of_it()
    {
        var submitted = BrokerListener<ReferralSubmitted>.Start(factory.Services);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        var page = await client.GetStringAsync($"/refer?service={WalkingGroup}");
        Assert.Contains($"<input type=\"hidden\" name=\"Service\" value=\"{WalkingGroup}\">", page, StringComparison.Ordinal);
        Assert.Contains("You chose a service in the directory", page, StringComparison.Ordinal);

        var form = ReferPageTests.ValidForm();
        form["Service"] = WalkingGroup.ToString();
        form["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page);
        var sent = await client.PostAsync("/refer", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var published = await submitted.ReadAsync(e => e.ChosenServiceId == WalkingGroup);
        Assert.Equal("self", published.Channel);
    }

    [Fact]
    public async Task The_api_takes_a_chosen_service_and_refuses_one_that_is_not_an_id()
    {
        var submitted = BrokerListener<ReferralSubmitted>.Start(factory.Services);
        var client = factory.CreateClient();

        var bad = await client.PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral().With(b => b["serviceId"] = "<script>"));
        var good = await client.PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral().With(b => b["serviceId"] = WalkingGroup.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("serviceId"));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var reference = (await good.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        Assert.Equal(WalkingGroup, (await submitted.ReadAsync(e => e.Reference == reference)).ChosenServiceId);
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }
}
