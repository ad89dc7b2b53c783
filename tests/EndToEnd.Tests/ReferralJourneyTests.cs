using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>Through the gateway, as a user or another system would: referral → RabbitMQ → case.</summary>
[Collection(SuiteCollection.Name)]
public sealed partial class ReferralJourneyTests(SuiteFixture suite)
{
    private static readonly TimeSpan CaseArrives = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_self_referral_posted_to_the_gateway_becomes_a_case_within_seconds()
    {
        var response = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Ada", "Lovelace"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reference = (await response.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
        var found = await suite.WaitForCaseAsync(reference, CaseArrives);
        Assert.Equal("Referral", found["step"]!.GetValue<string>());

        var cases = await suite.LinkWorker.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=100");
        Assert.Contains(cases!["items"]!.AsArray(), c => c!["reference"]!.GetValue<string>() == reference);
    }

    [Fact]
    public async Task The_same_person_referred_twice_has_one_case_found_by_either_reference()
    {
        var online = await SubmitAsync(SuiteFixture.SelfReferral("Dupli", "Cate"));
        var caseId = (await suite.WaitForCaseAsync(online, CaseArrives))["id"]!.GetValue<Guid>();
        var again = SuiteFixture.SelfReferral("DUPLI", "cate");
        again["person"]!["postcode"] = "ls14ap";
        var second = await SubmitAsync(again);

        var found = await suite.WaitForCaseAsync(second, CaseArrives);

        Assert.Equal(caseId, found["id"]!.GetValue<Guid>());
        Assert.Equal(second, Assert.Single(found["alsoReferred"]!.AsArray())!["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_red_flag_self_referral_shows_crisis_routes_and_lands_in_the_same_day_queue()
    {
        var body = SuiteFixture.SelfReferral("Red", "Flag");
        body["risk"]!["harmToSelf"] = true;

        var response = await suite.Gateway.PostAsJsonAsync("/api/referrals", body);
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.True(created!["urgent"]!.GetValue<bool>());
        Assert.Contains("116 123", created["crisisSupport"]!.ToJsonString(), StringComparison.Ordinal);
        var reference = created["reference"]!.GetValue<string>();
        await SuiteFixture.Eventually(async () =>
            (await suite.WaitForCaseAsync(reference, CaseArrives))["flaggedUrgentAt"] is not null, CaseArrives);
        var sameDay = await suite.LinkWorker.GetFromJsonAsync<JsonObject>("/api/cases?urgent=true&pageSize=100");
        Assert.Contains(sameDay!["items"]!.AsArray(), c => c!["reference"]!.GetValue<string>() == reference);
    }

    [Fact]
    public async Task A_fhir_service_request_from_a_gp_system_becomes_a_case()
    {
        var token = await suite.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "sp-gp-system", ["client_secret"] = "dev-secret", ["scope"] = "referrals:write",
        }));
        using var gp = new HttpClient { BaseAddress = suite.Gateway.BaseAddress };
        gp.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>());
        var body = """
            {"resourceType":"ServiceRequest","identifier":[{"system":"https://gp.example/referrals","value":"e2e-fhir-1"}],
             "status":"active","intent":"order","priority":"routine","subject":{"reference":"#p"},"requester":{"reference":"#gp"},
             "reasonCode":[{"coding":[{"system":"https://socialprescribing.dev/fhir/CodeSystem/need","code":"housing"}]}],
             "contained":[{"resourceType":"Patient","id":"p","name":[{"family":"Fhir","given":["Florence"]}],"birthDate":"1950-05-12",
               "telecom":[{"system":"phone","value":"07700 900777"}],"address":[{"postalCode":"LS2 9JT"}]},
              {"resourceType":"Practitioner","id":"gp","name":[{"family":"Snow","given":["John"]}]}]}
            """;
        using var content = new StringContent(body, System.Text.Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/fhir+json");

        var response = await gp.PostAsync("/api/referrals/fhir", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var reference = created["identifier"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).Single(v => v.StartsWith("SP-", StringComparison.Ordinal));
        var found = await suite.WaitForCaseAsync(reference, CaseArrives);
        Assert.Equal("gp", found["source"]!.GetValue<string>());
        Assert.Equal("professional", found["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_status_a_person_sees_follows_their_case_from_received_to_closed()
    {
        var response = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Grace", "Hopper"));
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var (referralId, reference) = (created["id"]!.GetValue<Guid>(), created["reference"]!.GetValue<string>());
        var caseId = (await suite.WaitForCaseAsync(reference, CaseArrives))["id"]!.GetValue<Guid>();
        using var manager = await suite.SignedInAsync("manager");
        // Received, or already given to the team's link worker with the fewest open cases.
        Assert.Contains(await PublicStatusAsync(reference), new[] { "received", "assigned" });
        // The link worker has used Case Management (so the roster knows them) before the manager assigns.
        await suite.LinkWorker.GetAsync("/api/cases?assignedTo=me");

        var assigned = await manager.PostAsJsonAsync($"/api/cases/{caseId}/assign", new { assignedTo = SubjectOf(suite.LinkWorker) });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        await WaitForReferralStatusAsync(manager, referralId, "assigned");

        var booked = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/appointments", new { startsAt = DateTimeOffset.UtcNow.AddDays(4), place = "Central library" });
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        var arranged = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/steps", new { to = "AssessmentArranged", reason = "Meeting at the library on Monday" });
        Assert.Equal(HttpStatusCode.OK, arranged.StatusCode);
        await WaitForReferralStatusAsync(manager, referralId, "inProgress");
        Assert.Equal("inProgress", await PublicStatusAsync(reference));

        var skipped = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/steps", new { to = "Outcomes" });
        Assert.Equal(HttpStatusCode.Conflict, skipped.StatusCode);
        var ended = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/steps", new { to = "NotAppropriate", reason = "Needs a mental health team: referred on" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        await WaitForReferralStatusAsync(manager, referralId, "closed");
        Assert.Equal("closed", await PublicStatusAsync(reference));
    }

    /// <summary>The public status look-up, from its own client address (the gateway limits look-ups per client).</summary>
    private async Task<string> PublicStatusAsync(string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{reference}/status?dateOfBirth=1990-12-10");
        request.Headers.Add("X-Forwarded-For", "198.51.100.77");
        var response = await suite.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
    }

    private static Task WaitForReferralStatusAsync(HttpClient staff, Guid referralId, string status) =>
        SuiteFixture.Eventually(async () =>
            (await staff.GetFromJsonAsync<JsonObject>($"/api/referrals/{referralId}"))!["status"]!.GetValue<string>() == status,
            CaseArrives);

    /// <summary>The user id (<c>sub</c>) in a signed-in client's access token.</summary>
    private static string SubjectOf(HttpClient client) => SuiteFixture.ClaimOf(client, "sub");

    private async Task<string> SubmitAsync(JsonObject body)
    {
        var response = await suite.Gateway.PostAsJsonAsync("/api/referrals", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_bad_referral_gets_400_and_creates_nothing()
    {
        var referralsBefore = await suite.CountAsync(ResourceNames.ReferralDb, "referrals");
        var outboxBefore = await suite.CountAsync(ResourceNames.ReferralDb, "outbox_messages");
        var casesBefore = await suite.CountAsync(ResourceNames.CaseDb, "cases");
        var body = SuiteFixture.SelfReferral("Bad", "Input");
        body["person"]!["dateOfBirth"] = "1990-02-31";
        body["consent"]!["shareWithLinkWorker"] = false;
        body["surprise"] = "field";

        var response = await suite.Gateway.PostAsJsonAsync("/api/referrals", body);
        var malformed = await suite.Gateway.PostAsync("/api/referrals", new StringContent("{\"channel\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("person.dateOfBirth") && errors.ContainsKey("consent.shareWithLinkWorker") && errors.ContainsKey("surprise"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(referralsBefore, await suite.CountAsync(ResourceNames.ReferralDb, "referrals"));
        Assert.Equal(outboxBefore, await suite.CountAsync(ResourceNames.ReferralDb, "outbox_messages"));
        Assert.Equal(casesBefore, await suite.CountAsync(ResourceNames.CaseDb, "cases"));
    }

    [Fact]
    public async Task Referrals_taken_while_the_broker_is_down_become_cases_once_it_is_back()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await suite.StopBrokerAsync(cts.Token);
        string reference;
        try
        {
            var response = await suite.Gateway.PostAsJsonAsync("/api/referrals", SuiteFixture.SelfReferral("Brenda", "Outage"), cts.Token);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            reference = (await response.Content.ReadFromJsonAsync<JsonObject>(cts.Token))!["reference"]!.GetValue<string>();

            await Task.Delay(TimeSpan.FromSeconds(3), cts.Token);
            Assert.True(await suite.CountAsync(ResourceNames.ReferralDb, "outbox_messages") >= 1, "the event should wait in the outbox");
            Assert.Equal(HttpStatusCode.NotFound, (await suite.LinkWorker.GetAsync($"/api/cases/by-reference/{reference}", cts.Token)).StatusCode);
        }
        finally
        {
            await suite.StartBrokerAsync(cts.Token);
        }

        await suite.WaitForCaseAsync(reference, TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task The_refer_form_works_through_the_gateway_without_javascript()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var browser = new HttpClient(handler) { BaseAddress = suite.Gateway.BaseAddress };

        var form = await browser.GetStringAsync("/refer");
        Assert.Contains("<form method=\"post\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<noscript", form, StringComparison.Ordinal);
        var token = FormFields.AntiforgeryToken(form);
        var page = await browser.PostAsync("/refer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["GivenName"] = "Grace",
            ["FamilyName"] = "Hopper",
            ["DobDay"] = "9",
            ["DobMonth"] = "12",
            ["DobYear"] = "1956",
            ["Postcode"] = "LS6 3HN",
            ["Email"] = "grace@example.org",
            ["Needs"] = "arts-culture",
            ["HarmToSelf"] = "no",
            ["HarmToOthers"] = "no",
            ["InCrisis"] = "no",
            ["ShareWithLinkWorker"] = "true",
            ["ShareWithGp"] = "none",
        }));

        var html = await page.Content.ReadAsStringAsync();
        var reference = ReferenceOnPage().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(reference), "the confirmation page shows the reference");
        await suite.WaitForCaseAsync(reference, CaseArrives);
    }

    [Theory]
    [InlineData("referrals")]
    [InlineData("cases")]
    [InlineData("directory")]
    [InlineData("wellbeing")]
    [InlineData("notifications")]
    public async Task Each_service_openapi_document_is_served_through_the_gateway(string service)
    {
        var document = await suite.Gateway.GetFromJsonAsync<JsonObject>($"/api/{service}/openapi/v1.json");

        Assert.StartsWith("3.", document!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(document["paths"]!.AsObject(), p => p.Key.StartsWith($"/api/{service}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_worker_sees_cases_a_call_handler_does_not_and_nobody_without_signing_in()
    {
        using var callHandler = await suite.SignedInAsync("callhandler");

        Assert.Equal(HttpStatusCode.OK, (await suite.LinkWorker.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await callHandler.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await suite.Gateway.GetAsync("/api/cases")).StatusCode);
    }

    [Theory]
    [InlineData("referral-intake")]
    [InlineData("case-management")]
    [InlineData("service-directory")]
    [InlineData("wellbeing-metrics")]
    [InlineData("notifications")]
    [InlineData("identity")]
    [InlineData("gateway")]
    public async Task Every_service_reports_healthy_and_alive(string resource)
    {
        using var client = suite.App.CreateHttpClient(resource);

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        Assert.Equal("Healthy", await client.GetStringAsync("/alive"));
    }

    [Fact]
    public async Task Directory_and_instruments_answer_through_the_gateway()
    {
        var services = await suite.Gateway.GetFromJsonAsync<JsonObject>("/api/directory/services");
        var instruments = await suite.Gateway.GetFromJsonAsync<JsonArray>("/api/wellbeing/instruments");

        Assert.True(services!["total_items"]!.GetValue<int>() >= 30);
        Assert.Equal(4, instruments!.Count);
    }


    [GeneratedRegex("<strong id=\"reference\">(SP-[2-9A-Z]{4}-[2-9A-Z]{4})</strong>")]
    private static partial Regex ReferenceOnPage();
}
