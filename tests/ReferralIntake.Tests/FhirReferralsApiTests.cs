using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>FHIR R4 referrals from GP systems (Firely SDK on the way in and out).</summary>
[Collection(IntakeCollection.Name)]
public sealed class FhirReferralsApiTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_service_request_with_a_contained_patient_becomes_a_referral_and_reads_back_as_fhir()
    {
        var response = await PostAsync(FhirBodies.ServiceRequest("gp-1001"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var created = await ReadAsync(response);
        Assert.Equal("ServiceRequest", created["resourceType"]!.GetValue<string>());
        var reference = created["identifier"]!.AsArray().Single(i => i!["system"]!.GetValue<string>().EndsWith("referral-reference", StringComparison.Ordinal))!["value"]!.GetValue<string>();
        Assert.Matches("^SP-[2-9A-Z]{4}-[2-9A-Z]{4}$", reference);

        // The system that sent it reads it back.
        var readBack = await GpSystem().GetAsync(response.Headers.Location);
        var resource = await ReadAsync(readBack);
        Assert.Equal(HttpStatusCode.OK, readBack.StatusCode);
        Assert.Equal("Franklin", resource["contained"]![0]!["name"]![0]!["family"]!.GetValue<string>());
        Assert.Equal("debt", resource["reasonCode"]![0]!["coding"]![0]!["code"]!.GetValue<string>());
        var stored = await StoredAsync();
        Assert.Equal(("professional", "gp", "gp-1001"), (stored.Channel, stored.Source, stored.ExternalId!.Split('|')[1]));
        Assert.Equal("Dr Edward Jenner", stored.ReferrerName);
    }

    [Fact]
    public async Task A_message_bundle_focused_on_a_service_request_is_accepted()
    {
        var response = await PostAsync(FhirBodies.MessageBundle("gp-2002"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("4010232137", (await StoredAsync()).NhsNumber);
    }

    [Fact]
    public async Task An_urgent_priority_makes_an_urgent_referral()
    {
        await PostAsync(FhirBodies.ServiceRequest("gp-3003", priority: "urgent"));

        Assert.True((await StoredAsync()).Urgent);
    }

    [Fact]
    public async Task The_same_service_request_sent_twice_makes_one_referral()
    {
        var first = await PostAsync(FhirBodies.ServiceRequest("gp-4004"));
        var again = await PostAsync(FhirBodies.ServiceRequest("gp-4004"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Revoking_the_service_request_withdraws_the_referral()
    {
        await PostAsync(FhirBodies.ServiceRequest("gp-5005"));

        var revoked = await PostAsync(FhirBodies.ServiceRequest("gp-5005", status: "revoked"));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", (await ReadAsync(revoked))["status"]!.GetValue<string>());
        Assert.Equal("withdrawn", (await StoredAsync()).Status);
    }

    [Theory]
    [InlineData("{\"resourceType\":\"ServiceRequest\",\"status\":5}")]
    [InlineData("{\"resourceType\":\"ServiceRequest\",\"intent\":\"order\",\"status\":\"active\",\"colour\":\"blue\"}")]
    [InlineData("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}")]
    [InlineData("not json")]
    public async Task Invalid_fhir_is_400_with_an_operation_outcome_and_stores_nothing(string body)
    {
        var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await ReadAsync(response);
        Assert.Equal("OperationOutcome", outcome["resourceType"]!.GetValue<string>());
        Assert.NotEmpty(outcome["issue"]!.AsArray());
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Broken_rules_are_named_at_their_fhir_paths()
    {
        var response = await PostAsync(FhirBodies.ServiceRequest("gp-6006", postcode: "LS50 1AA", nhsNumber: "9434765918"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var expressions = (await ReadAsync(response))["issue"]!.AsArray().SelectMany(i => i!["expression"]!.AsArray()).Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains("Patient.address[0].postalCode", expressions);
        Assert.Contains(expressions, e => e.StartsWith("Patient.identifier", StringComparison.Ordinal));
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Only_integration_clients_with_referrals_write_may_send()
    {
        using var content = Content(FhirBodies.ServiceRequest("gp-7007").ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsync("/api/referrals/fhir", content)).StatusCode);
        using var content2 = Content(FhirBodies.ServiceRequest("gp-7007").ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await factory.CreateClientWithToken(TestTokens.For(role: "callhandler", scope: "openid api")).PostAsync("/api/referrals/fhir", content2)).StatusCode);
    }

    [Fact]
    public async Task Another_media_type_is_415()
    {
        using var content = new StringContent(FhirBodies.ServiceRequest("gp-8008").ToJsonString(), Encoding.UTF8, "application/xml");

        var response = await GpSystem().PostAsync("/api/referrals/fhir", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private HttpClient GpSystem() => factory.CreateClientWithToken(TestTokens.For(scope: "referrals:write", subject: "sp-gp-system"));

    private Task<HttpResponseMessage> PostAsync(JsonObject body) => PostRawAsync(body.ToJsonString());

    private async Task<HttpResponseMessage> PostRawAsync(string body)
    {
        using var content = Content(body);
        return await GpSystem().PostAsync("/api/referrals/fhir", content);
    }

    private static StringContent Content(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        return content;
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private async Task<Model.Referral> StoredAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralDbContext>().Referrals.AsNoTracking().SingleAsync();
    }
}
