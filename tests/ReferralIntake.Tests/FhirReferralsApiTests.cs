using System.Net.Http.Json;
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
        // An NHS number with a wrong check digit is set aside for the link worker to confirm, never a reason to refuse.
        Assert.DoesNotContain(expressions, e => e.StartsWith("Patient.identifier", StringComparison.Ordinal));
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

    [Fact]
    public async Task The_person_s_own_mobile_is_kept_over_a_home_landline_by_rank_and_their_contact_details_may_be_a_oneself_contact()
    {
        var ranked = FhirBodies.ServiceRequest("gp-9101");
        var patient = ranked["contained"]![0]!.AsObject();
        patient["telecom"] = new JsonArray(
            new JsonObject { ["system"] = "phone", ["value"] = "0113 496 0001", ["use"] = "home", ["rank"] = 2 },
            new JsonObject { ["system"] = "phone", ["value"] = "07700 900111", ["use"] = "mobile", ["rank"] = 1 },
            new JsonObject { ["system"] = "phone", ["value"] = "07700 900999", ["use"] = "old" });
        await PostAsync(ranked);
        Assert.Equal("07700900111", (await StoredAsync()).Phone);

        await factory.ResetAsync();
        var oneself = FhirBodies.ServiceRequest("gp-9102");
        patient = oneself["contained"]![0]!.AsObject();
        patient.Remove("telecom");
        patient["contact"] = new JsonArray(new JsonObject
        {
            ["relationship"] = new JsonArray(new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-RoleCode", ["code"] = "ONESELF" }),
            }),
            ["telecom"] = new JsonArray(
                new JsonObject { ["system"] = "phone", ["value"] = "01134960002", ["use"] = "home" },
                new JsonObject { ["system"] = "phone", ["value"] = "07700900222", ["use"] = "mobile" },
                new JsonObject { ["system"] = "email", ["value"] = "rosalind@example.org" }),
        });
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(oneself)).StatusCode);
        var stored = await StoredAsync();
        Assert.Equal(("07700900222", "rosalind@example.org"), (stored.Phone, stored.Email));
    }

    [Fact]
    public async Task References_are_resolved_as_senders_write_them_and_every_one_that_is_not_is_named_in_one_outcome()
    {
        // BaRS senders refer to entries by their bare uuid, without "urn:uuid:".
        var bare = FhirBodies.MessageBundle("gp-9201");
        bare["entry"]![1]!["resource"]!["subject"] = new JsonObject { ["reference"] = "5b2c7a3e-8e1f-4a9c-9d7e-2f6b1c0a4d11" };
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(bare)).StatusCode);

        var broken = FhirBodies.MessageBundle("gp-9202");
        broken["entry"]![1]!["resource"]!["subject"] = new JsonObject { ["reference"] = "Patient/abc" };
        broken["entry"]![1]!["resource"]!["requester"] = new JsonObject { ["reference"] = "Practitioner/nobody" };
        broken["entry"]![1]!["resource"]!.AsObject().Remove("reasonCode");
        var response = await PostAsync(broken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issues = (await ReadAsync(response))["issue"]!.AsArray().Select(i => (i!["expression"]?[0]?.GetValue<string>(), i["diagnostics"]!.GetValue<string>())).ToList();
        Assert.Contains(("ServiceRequest.subject", "Patient/abc could not be resolved in the Bundle or among the ServiceRequest's contained resources."), issues);
        Assert.Contains(("ServiceRequest.requester", "Practitioner/nobody could not be resolved in the Bundle or among the ServiceRequest's contained resources."), issues);
        Assert.DoesNotContain(issues, i => i.Item2 == "Tell us who the referral is for."); // the self-referral form's wording
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task The_referrer_is_read_from_a_practitioner_role_with_its_occupation_or_from_a_display_alone()
    {
        var bundle = FhirBodies.MessageBundle("gp-9501");
        bundle["entry"]![1]!["resource"]!["requester"] = new JsonObject { ["reference"] = "urn:uuid:b923aa53-2376-4015-a07d-afe8bf2310eb" };
        bundle["entry"]!.AsArray().Add(new JsonObject
        {
            ["fullUrl"] = "urn:uuid:b923aa53-2376-4015-a07d-afe8bf2310eb",
            ["resource"] = new JsonObject
            {
                ["resourceType"] = "PractitionerRole",
                ["practitioner"] = new JsonObject { ["reference"] = "https://gp.example/fhir/Practitioner/gp1" },
                ["organization"] = new JsonObject { ["reference"] = "urn:uuid:33a33b58-648a-4453-b981-e21ea9ffb4a1" },
                ["code"] = new JsonArray(new JsonObject
                {
                    ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "46255001", ["display"] = "Pharmacist" }),
                }),
            },
        });
        bundle["entry"]!.AsArray().Add(new JsonObject
        {
            ["fullUrl"] = "urn:uuid:33a33b58-648a-4453-b981-e21ea9ffb4a1",
            ["resource"] = new JsonObject { ["resourceType"] = "Organization", ["name"] = "Headingley Pharmacy" },
        });

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(bundle)).StatusCode);
        var stored = await StoredAsync();
        Assert.Equal(("Dr Edward Jenner", "pharmacist", "Headingley Pharmacy"), (stored.ReferrerName, stored.Source, stored.ReferrerOrganisation));

        await factory.ResetAsync();
        var displayOnly = FhirBodies.ServiceRequest("gp-9502");
        displayOnly["requester"] = new JsonObject { ["display"] = "Nurse Florence Nightingale" };
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(displayOnly)).StatusCode);
        Assert.Equal("Nurse Florence Nightingale", (await StoredAsync()).ReferrerName);
    }

    [Fact]
    public async Task What_the_sender_said_is_kept_as_sent_and_given_to_the_link_worker_with_the_person()
    {
        var bundle = FhirBodies.MessageBundle("gp-9601");
        var request = bundle["entry"]![1]!["resource"]!.AsObject();
        request["authoredOn"] = "2026-11-30T09:15:00+00:00";
        request["priority"] = "asap";
        request["patientInstruction"] = "A link worker will call you this week.";
        request["reasonCode"]!.AsArray().Add(new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "160734000", ["display"] = "Lives alone" }),
            ["text"] = "Lives alone since her husband died",
        });
        request["reasonReference"] = new JsonArray(new JsonObject { ["reference"] = "urn:uuid:c0ffee00-1111-4222-8333-944455556666" });
        bundle["entry"]!.AsArray().Add(new JsonObject
        {
            ["fullUrl"] = "urn:uuid:c0ffee00-1111-4222-8333-944455556666",
            ["resource"] = new JsonObject
            {
                ["resourceType"] = "Condition",
                ["subject"] = new JsonObject { ["reference"] = "urn:uuid:5b2c7a3e-8e1f-4a9c-9d7e-2f6b1c0a4d11" },
                ["code"] = new JsonObject
                {
                    ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "35489007", ["display"] = "Depressive disorder" }),
                },
            },
        });
        bundle["entry"]![3]!["resource"]!["telecom"] = new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = "0113 496 0123" });

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(bundle)).StatusCode);
        var stored = await StoredAsync();
        var person = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetFromJsonAsync<JsonObject>($"/api/referrals/{stored.Id}/person");

        var sender = person!["sender"]!;
        Assert.Equal(("2026-11-30T09:15:00+00:00", "asap", "A link worker will call you this week.", "0113 496 0123"),
            (sender["authoredOn"]!.GetValue<string>(), sender["priority"]!.GetValue<string>(), sender["patientInstruction"]!.GetValue<string>(), sender["referrerPhone"]!.GetValue<string>()));
        var reasons = sender["reasons"]!.AsArray().Select(r => (r!["code"]?.GetValue<string>(), r["display"]?.GetValue<string>(), r["text"]?.GetValue<string>())).ToList();
        Assert.Contains(("160734000", "Lives alone", "Lives alone since her husband died"), reasons);
        Assert.Contains(("35489007", "Depressive disorder", null), reasons);
        Assert.Contains((null, null, "Worried about rent arrears; feels isolated."), reasons);
        Assert.DoesNotContain(reasons, r => r.Item1 == "debt"); // the suite's own need code is a need, not a reason
        Assert.True(stored.Urgent); // asap
    }

    [Fact]
    public async Task A_person_known_only_by_nhs_number_is_refused_saying_a_pds_look_up_would_be_needed()
    {
        var request = FhirBodies.ServiceRequest("gp-9301");
        request.Remove("contained");
        request["requester"] = new JsonObject { ["display"] = "Dr Edward Jenner" };
        request["subject"] = new JsonObject { ["identifier"] = new JsonObject { ["system"] = "https://fhir.nhs.uk/Id/nhs-number", ["value"] = "9434765919" } };

        var response = await PostAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await ReadAsync(response);
        var issue = outcome["issue"]!.AsArray().Single(i => i!["expression"]?[0]?.GetValue<string>() == "ServiceRequest.subject")!;
        Assert.True(outcome["issue"]!.AsArray().Count == 1, outcome.ToJsonString());
        Assert.Equal("ServiceRequest.subject", issue["expression"]![0]!.GetValue<string>());
        Assert.Contains("Personal Demographics Service", issue["diagnostics"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task A_bundle_of_up_to_one_megabyte_is_read_and_a_larger_one_is_413()
    {
        var large = FhirBodies.MessageBundle("gp-9401");
        // What BaRS senders put around a referral: the record, here a long clinical narrative.
        large["entry"]!.AsArray().Add(Narrative(200_000));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(large)).StatusCode);

        var tooLarge = FhirBodies.MessageBundle("gp-9402");
        tooLarge["entry"]!.AsArray().Add(Narrative(1_100_000));
        var response = await PostAsync(tooLarge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    private static JsonObject Narrative(int length) => new()
    {
        ["fullUrl"] = "urn:uuid:fa7a9782-e111-49a5-9660-826b29c51d56",
        ["resource"] = new JsonObject
        {
            ["resourceType"] = "Observation",
            ["status"] = "final",
            ["code"] = new JsonObject { ["text"] = "Clinical narrative" },
            ["note"] = new JsonArray(new JsonObject { ["text"] = new string('x', length) }),
        },
    };

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
