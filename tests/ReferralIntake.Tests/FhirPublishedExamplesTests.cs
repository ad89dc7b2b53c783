using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// Referrals as their publishers wrote them (Examples/SOURCES.md): NHS England's BaRS and UK Core examples and NHS Wales's
/// eReferrals test bundle, posted unchanged and read back from what was stored.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class FhirPublishedExamplesTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_BaRS_999_to_CAS_message_becomes_a_referral_with_everything_the_sender_said()
    {
        var response = await PostAsync(Example("bars/POST-999ToCASServiceRequest.json"));

        await AssertStatusAsync(HttpStatusCode.Created, response);
        var stored = await StoredAsync();
        Assert.Equal(("Julie", "Jones", new DateOnly(1959, 5, 4), "LS10 4YU", "01138698975"), (stored.GivenName, stored.FamilyName, stored.DateOfBirth, stored.Postcode, stored.Phone));
        // The requester is a Practitioner whose PractitionerRole in the message gives her occupation; the role's organisation
        // is not in the Bundle, so the sending organisation from the MessageHeader; her phone kept.
        Assert.Equal(("Marcy BLAKE", "administrative healthcare staff", "Sender Organization"), (stored.ReferrerName, stored.ReferrerRole, stored.ReferrerOrganisation));
        Assert.Equal("0205568263", stored.Sender!.ReferrerPhone);
        Assert.Equal("2021-10-13T16:28:00+07:00", stored.Sender.AuthoredOn);
        Assert.Contains(stored.Sender.Reasons, r => r.Code == "clin-1" && r.Display == "Progress urgently");
        Assert.Equal(["other"], stored.Needs);
        // 3478526985 fails the NHS number check digit: not kept, and the link worker is asked to confirm it.
        Assert.Null(stored.NhsNumber);
        Assert.Contains(stored.Sender.Notes, n => n.Contains("NHS number", StringComparison.Ordinal));
        Assert.Equal("bundle|86e3371d-1c15-4862-9552-d9560f8292ba", stored.MessageId);
    }

    [Fact]
    public async Task The_same_BaRS_message_sent_again_answers_with_the_referral_it_made()
    {
        var first = await PostAsync(Example("bars/POST-999ToCASServiceRequest.json"));
        var again = await PostAsync(Example("bars/POST-999ToCASServiceRequest.json"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task A_message_identity_reused_for_someone_else_is_409_and_hides_nothing()
    {
        await PostAsync(Example("bars/POST-999ToCASServiceRequest.json"));
        var other = Example("bars/POST-999ToCASServiceRequest.json");
        Entry(other, "Patient")["name"]![0]!["given"] = new JsonArray("Joan");

        var response = await PostAsync(other);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("duplicate", (await ReadAsync(response))["issue"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task A_BaRS_validation_request_is_checked_and_answered_without_making_a_referral()
    {
        var valid = await PostAsync(AsValidationRequest(Example("bars/POST-999ToCASServiceRequest.json")));
        var outcome = await ReadAsync(valid);

        await AssertStatusAsync(HttpStatusCode.OK, valid);
        Assert.Equal("OperationOutcome", outcome["resourceType"]!.GetValue<string>());
        Assert.Equal("information", outcome["issue"]![0]!["severity"]!.GetValue<string>());

        // One that would be refused says why, all at once, and also stores nothing.
        var broken = AsValidationRequest(Example("bars/POST-999ToCASServiceRequest.json"));
        var patient = Entry(broken, "Patient");
        patient.Remove("birthDate");
        patient.Remove("address");
        var refused = await PostAsync(broken);
        var problems = await ReadAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var paths = problems["issue"]!.AsArray().Select(i => i!["expression"]?[0]?.GetValue<string>()).ToList();
        Assert.Contains("Patient.birthDate", paths);
        Assert.Contains("Patient.address[0].postalCode", paths);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task The_NHS_Wales_optometry_bundle_keeps_the_rank_1_mobile_the_optometrist_and_the_care_plan()
    {
        var response = await PostAsync(Example("nhs-wales/example-bundle.json"));

        await AssertStatusAsync(HttpStatusCode.Created, response);
        var stored = await StoredAsync();
        // Rank 1 is the mobile, over the home landline listed first.
        Assert.Equal(("07736312544", "jjones@hotmail.co.uk"), (stored.Phone, stored.Email));
        // The PractitionerRole's SNOMED occupation, not a fixed "gp"; its organisation resolved in the Bundle.
        Assert.Equal(("Marcy BLAKE", "optometrist", "Sender Organization"), (stored.ReferrerName, stored.ReferrerRole, stored.ReferrerOrganisation));
        Assert.Equal("optometrist", stored.Source);
        // The CarePlan it is based on: the activity's outcome and the Condition it addresses.
        Assert.Contains(stored.Sender!.Reasons, r => r.Text?.Contains("suspected glaucoma", StringComparison.Ordinal) == true
                                                     || r.Text?.Contains("supsected glaucoma", StringComparison.Ordinal) == true);
        Assert.Contains(stored.Sender.Reasons, r => r.System == "http://snomed.info/sct" && r.Code == "1295413008");
        Assert.Equal("2024-08-20T11:30:00+01:00", stored.Sender.AuthoredOn);

        // No Bundle.id: the MessageHeader's fullUrl recognises the resend.
        var again = await PostAsync(Example("nhs-wales/example-bundle.json"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task UK_Core_examples_put_in_a_message_as_a_sender_would_make_a_referral()
    {
        var response = await PostAsync(UkCoreMessage());

        await AssertStatusAsync(HttpStatusCode.Created, response);
        var stored = await StoredAsync();
        Assert.Equal(("Richard", "SMITH", new DateOnly(1970, 9, 11), "LS17 7DF", "9912003888"), (stored.GivenName, stored.FamilyName, stored.DateOfBirth, stored.Postcode, stored.NhsNumber));
        // His own phone: the mobile on Patient.contact belongs to Jane Jackson (a personal relationship, not ONESELF).
        Assert.Equal("01131231234", stored.Phone);
        // UK Core's SourceOfServiceRequest "Referred by general practitioner" makes the Practitioner a GP.
        Assert.Equal(("Dr Paul Rastall", "gp"), (stored.ReferrerName, stored.ReferrerRole));
        Assert.Equal("0113 6323200", stored.Sender!.ReferrerPhone);
        Assert.Contains(stored.Sender.Reasons, r => r.Code == "271835004" && r.Text == "Swollen abdomen");
        Assert.Contains(stored.Sender.Reasons, r => r.Text?.StartsWith("Diagnostic report on the Blood specimen", StringComparison.Ordinal) == true);
        Assert.StartsWith("ADVICE GIVEN", stored.Sender.PatientInstruction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_UK_Core_service_request_alone_is_refused_naming_each_reference_it_cannot_resolve()
    {
        var request = JsonNode.Parse(ReadXml("UKCore-ServiceRequest-ColonoscopyRequest-Example.xml").ToJson())!.AsObject();

        var response = await PostAsync(request);
        var outcome = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = outcome["issue"]!.AsArray().Select(i => i!["diagnostics"]!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.StartsWith("Patient/UKCore-Patient-RichardSmith-Example could not be resolved", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Practitioner/UKCore-Practitioner-DoctorPaulRastall-Example could not be resolved", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("Enter", StringComparison.Ordinal));
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task A_message_with_trailing_commas_and_elements_from_another_release_is_read()
    {
        // Hand-written JSON from a sender: a trailing comma, and an element R4 does not define (R5's ServiceRequest.focus).
        var body = Example("bars/POST-999ToCASServiceRequest.json");
        Entry(body, "ServiceRequest")["focus"] = new JsonArray(new JsonObject { ["display"] = "an R5 element" });
        var text = body.ToJsonString();
        text = text[..text.LastIndexOf(']')] + ",]}";

        var response = await PostRawAsync(text);

        await AssertStatusAsync(HttpStatusCode.Created, response);
        Assert.Equal("Jones", (await StoredAsync()).FamilyName);
    }

    [Fact]
    public async Task SNOMED_reasons_with_a_clear_need_set_the_needs_and_others_leave_it_to_the_link_worker()
    {
        var isolated = FhirBodies.ServiceRequest("gp-snomed-1");
        isolated["reasonCode"] = new JsonArray(
            Snomed("422650009", "Social isolation (finding)"),
            Snomed("733423003", "Food insecurity (finding)"));
        var unmapped = FhirBodies.ServiceRequest("gp-snomed-2", nhsNumber: "9434765870");
        unmapped["reasonCode"] = new JsonArray(Snomed("271835004", "Abdominal distension, gaseous"));

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(isolated)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(unmapped)).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var referrals = await scope.ServiceProvider.GetRequiredService<ReferralDbContext>().Referrals.AsNoTracking().ToListAsync();
        Assert.Equal(["loneliness", "food"], referrals.Single(r => r.ExternalId!.EndsWith("gp-snomed-1", StringComparison.Ordinal)).Needs);
        var other = referrals.Single(r => r.ExternalId!.EndsWith("gp-snomed-2", StringComparison.Ordinal));
        Assert.Equal(["other"], other.Needs);
        Assert.Contains(other.Sender!.Reasons, r => r.Code == "271835004");
    }

    /// <summary>The status, or the body that explains another (a refusal's OperationOutcome).</summary>
    private static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{expected} expected, {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static JsonObject Snomed(string code, string display) => new()
    {
        ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = code, ["display"] = display }),
    };

    /// <summary>The three UK Core examples in a message Bundle, each entry's fullUrl ending in its Type/id as a FHIR server's would.</summary>
    private static JsonObject UkCoreMessage()
    {
        var request = ReadXml("UKCore-ServiceRequest-ColonoscopyRequest-Example.xml");
        var bundle = new Bundle
        {
            Id = "uk-core-example-message",
            Type = Bundle.BundleType.Message,
            Entry =
            [
                new Bundle.EntryComponent
                {
                    FullUrl = "urn:uuid:3d5e1c2a-6f0b-4a39-9a71-0c2e8f4b7d10",
                    Resource = new MessageHeader
                    {
                        Event = new Coding("https://fhir.nhs.uk/CodeSystem/message-events-bars", "servicerequest-request"),
                        Source = new MessageHeader.MessageSourceComponent { Endpoint = "https://gp.example/fhir" },
                        Focus = [new ResourceReference($"https://gp.example/fhir/ServiceRequest/{request.Id}")],
                    },
                },
                Entry(request),
                Entry(ReadXml("UKCore-Patient-RichardSmith-Example.xml")),
                Entry(ReadXml("UKCore-Practitioner-DoctorPaulRastall-Example.xml")),
            ],
        };
        return JsonNode.Parse(bundle.ToJson())!.AsObject();

        static Bundle.EntryComponent Entry(Resource resource) => new() { FullUrl = $"https://gp.example/fhir/{resource.TypeName}/{resource.Id}", Resource = resource };
    }

    private static Resource ReadXml(string file)
    {
        using var reader = XmlReader.Create(Path.Combine(AppContext.BaseDirectory, "Examples", "uk-core", file));
        Assert.True(new FhirXmlDeserializer().TryDeserializeResource(reader, out var resource, out var issues), string.Join("; ", issues?.Select(i => i.Message) ?? []));
        return resource!;
    }

    private static JsonObject Example(string path) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", path)))!.AsObject();

    private static JsonObject Entry(JsonObject bundle, string resourceType) =>
        bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()).First(r => r["resourceType"]!.GetValue<string>() == resourceType);

    /// <summary>The same message flagged as BaRS flags a validation request: the ServiceRequest's category "validation".</summary>
    private static JsonObject AsValidationRequest(JsonObject bundle)
    {
        Entry(bundle, "ServiceRequest")["category"] = new JsonArray(new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "https://fhir.nhs.uk/CodeSystem/message-category-servicerequest", ["code"] = "validation" }),
        });
        return bundle;
    }

    private HttpClient Sender() => factory.CreateClientWithToken(TestTokens.For(scope: "referrals:write", subject: "sp-gp-system"));

    private Task<HttpResponseMessage> PostAsync(JsonObject body) => PostRawAsync(body.ToJsonString());

    private async Task<HttpResponseMessage> PostRawAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        return await Sender().PostAsync("/api/referrals/fhir", content);
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private async Task<Model.Referral> StoredAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralDbContext>().Referrals.AsNoTracking().SingleAsync();
    }
}
