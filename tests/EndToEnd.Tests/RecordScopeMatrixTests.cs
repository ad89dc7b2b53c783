using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// The route × (role, team) matrix, generated from the services' OpenAPI documents: every signed-in GET
/// declares whose records it returns (<c>x-authorization.records</c>), and one record of team
/// <c>north</c> (a referral, its case, a score, a prescription to a provider) is asked for by each of
/// eight callers (the safeguarding lead among them), and a safeguarding concern on its case. A caller whose role the route does not allow gets 403; one the record is not for gets
/// 404 (or a list without it); the rest get it.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class RecordScopeMatrixTests(SuiteFixture suite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Each caller, their role, and the scopes (<c>x-authorization.records</c>) in which the north record is theirs.</summary>
    private static readonly (string User, string Role, string[] Scopes)[] Callers =
    [
        ("linkworker", "linkworker", ["case-team", "safeguarding"]), // team north: the case's team
        ("linkworker2", "linkworker", []),                      // team south
        ("callhandler", "callhandler", []),                     // did not take this referral
        ("provider", "provider", ["provider-organisation"]),   // the organisation the person was referred to
        ("provider2", "provider", []),                          // another organisation
        ("manager", "manager", ["case-team", "safeguarding"]),  // every case
        ("admin", "admin", []),                                 // keeps the directory, reads no case, person or score
        ("safeguarding", "safeguarding", ["safeguarding"]),     // the safeguarding lead: every concern, no case
    ];

    [Fact]
    public async Task Every_route_returning_a_record_answers_only_the_callers_it_is_for()
    {
        var record = await NorthRecordAsync();
        var values = new Dictionary<string, string>
        {
            ["referrals:id"] = record.ReferralId.ToString(),
            ["cases:id"] = record.CaseId.ToString(),
            ["cases:reference"] = record.Reference,
            ["directory:id"] = record.ProviderReferralId.ToString(),
            ["wellbeing:id"] = record.AssessmentId.ToString(),
            ["wellbeing:caseId"] = record.CaseId.ToString(),
            ["notifications:caseId"] = record.CaseId.ToString(),
            ["people:id"] = record.PersonId.ToString(),
            ["safeguarding:id"] = record.ConcernId.ToString(),
        };
        // Lists that need something to look for, and what the record's entry is there.
        var queries = new Dictionary<string, (string Query, string Listed)>
        {
            ["/api/people/"] = ($"search={Uri.EscapeDataString(record.FamilyName)}", record.PersonId.ToString()),
            ["/api/people"] = ($"search={Uri.EscapeDataString(record.FamilyName)}", record.PersonId.ToString()),
            ["/api/referrals/names"] = ($"id={record.ReferralId}", record.ReferralId.ToString()),
        };
        // What a list must contain when the record is the caller's.
        var listed = new Dictionary<string, string>
        {
            ["cases"] = record.CaseId.ToString(),
            ["directory"] = record.ProviderReferralId.ToString(),
        };

        var clients = new Dictionary<string, HttpClient>();
        foreach (var (user, _, _) in Callers)
        {
            clients[user] = await suite.SignedInAsync(user);
        }

        var failures = new List<string>();
        var checkedRoutes = 0;
        try
        {
            foreach (var service in new[] { "referrals", "cases", "directory", "wellbeing", "notifications" })
            {
                var document = JsonNode.Parse(await suite.Gateway.GetStringAsync($"/api/{service}/openapi/v1.json"))!;
                foreach (var (template, item) in document["paths"]!.AsObject())
                {
                    if (item!["get"] is not { } operation || operation["x-authorization"] is not { } rule
                        || rule["access"]!.GetValue<string>() == "public")
                    {
                        continue;
                    }

                    var records = rule["records"]?.GetValue<string>();
                    if (records is null)
                    {
                        failures.Add($"GET {template} needs sign-in but does not say whose records it returns (ReturnsRecords)");
                        continue;
                    }

                    if (records == "none")
                    {
                        continue;
                    }

                    var path = template;
                    foreach (var parameter in operation["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "path") ?? [])
                    {
                        var name = parameter!["name"]!.GetValue<string>();
                        var owner = template.StartsWith("/api/people", StringComparison.Ordinal) ? "people"
                            : template.StartsWith("/api/safeguarding", StringComparison.Ordinal) ? "safeguarding" : service;
                        if (!values.TryGetValue($"{owner}:{name}", out var value))
                        {
                            failures.Add($"GET {template}: no value of the north record for path parameter {name}");
                            value = name;
                        }

                        path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
                    }

                    var isList = path == template;
                    var roles = rule["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                    foreach (var (user, role, scopes) in Callers)
                    {
                        (string Query, string Listed) asked = queries.TryGetValue(template, out var query)
                            ? ("?" + query.Query, query.Listed)
                            : ("?pageSize=100", listed.GetValueOrDefault(service, ""));
                        var response = await clients[user].GetAsync(isList ? path + asked.Query : path);
                        var body = await response.Content.ReadAsStringAsync();
                        var status = (int)response.StatusCode;
                        // No roles: any signed-in caller passes, and the route itself answers only those the record is for.
                        var expected = roles.Count > 0 && !roles.Contains(role) ? "403"
                            : !scopes.Contains(records) ? (isList ? "200 without the record" : "404")
                            : isList ? "200 with the record" : "the record (200, or 409 for a summary not ready)";
                        var ok = expected switch
                        {
                            "403" => status == 403,
                            "404" => status == 404,
                            "200 without the record" => status == 200 && !body.Contains(asked.Listed, StringComparison.OrdinalIgnoreCase),
                            "200 with the record" => status == 200 && body.Contains(asked.Listed, StringComparison.OrdinalIgnoreCase),
                            _ => status is 200 or 409,
                        };
                        if (!ok)
                        {
                            failures.Add($"GET {path} as {user}: {status}, expected {expected}");
                        }
                    }

                    checkedRoutes++;
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // Referral (summary, person, FHIR), case (list, one, by reference, audit, GP summary ×2), score ×2, provider referral ×2.
        Assert.True(checkedRoutes >= 13, $"only {checkedRoutes} routes checked");
    }

    /// <summary>A referral from LS1 (team north) with its case, a baseline score and a prescription to the provider's organisation.</summary>
    /// <summary>
    /// "Who looked at my record" (ASVS 7.1, UK GDPR Art. 15): a manager sees, for one person, the reads of their
    /// record in every service that holds it, through one route that asks each service with the manager's token.
    /// </summary>
    [Fact]
    public async Task A_manager_sees_who_looked_at_a_persons_record_in_every_service()
    {
        var record = await NorthRecordAsync();
        using var manager = await suite.SignedInAsync("manager");
        var person = await manager.GetFromJsonAsync<JsonObject>($"/api/referrals/{record.ReferralId}/person");
        var personId = person!["personId"]!.GetValue<Guid>();
        // Reads in each service: the case (Case Management), the questionnaire (Wellbeing); the provider read
        // their referral (Directory) and the manager the person (Intake) already.
        Assert.Equal(HttpStatusCode.OK, (await suite.LinkWorker.GetAsync($"/api/cases/{record.CaseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await suite.LinkWorker.GetAsync($"/api/wellbeing/assessments/{record.AssessmentId}")).StatusCode);

        var response = await manager.GetAsync($"/api/people/{personId}/access-log");
        var log = await response.Content.ReadFromJsonAsync<JsonObject>();
        var linkWorker = await suite.LinkWorker.GetAsync($"/api/people/{personId}/access-log");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(log!["services"]!.AsArray(), s => Assert.Equal("included", s!["status"]!.GetValue<string>()));
        var entries = log["entries"]!.AsArray().Select(e => (Service: e!["service"]!.GetValue<string>(), Action: e["action"]!.GetValue<string>(),
            Type: e["resourceType"]!.GetValue<string>(), Id: e["resourceId"]!.GetValue<Guid>())).ToList();
        Assert.Contains(("referral-intake", "read", "referral", record.ReferralId), entries);
        Assert.Contains(("case-management", "read", "case", record.CaseId), entries);
        Assert.Contains(("wellbeing-metrics", "read", "assessment", record.AssessmentId), entries);
        Assert.Contains(("service-directory", "read", "provider-referral", record.ProviderReferralId), entries);
        Assert.Equal(HttpStatusCode.Forbidden, linkWorker.StatusCode);
    }

    private async Task<NorthRecord> NorthRecordAsync()
    {
        // A person of their own each time: the same details again would join the earlier case as a duplicate.
        var familyName = "Northerly-" + string.Concat(Enumerable.Range(0, 6).Select(_ => (char)('a' + Random.Shared.Next(26))));
        var referral = SuiteFixture.SelfReferral("Matrix", familyName);
        // Urgent cases list first: the record is on the first page of a busy caseload.
        referral["risk"]!["harmToSelf"] = true;
        var created = await suite.Gateway.PostAsJsonAsync("/api/referrals", referral);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var reference = body["reference"]!.GetValue<string>();
        var referralId = body["id"]!.GetValue<Guid>();
        var caseId = (await suite.WaitForCaseAsync(reference, Patience))["id"]!.GetValue<Guid>();

        // Intake has heard which team the case is for.
        await SuiteFixture.Eventually(async () =>
            (await suite.LinkWorker.GetAsync($"/api/referrals/{referralId}/person")).StatusCode == HttpStatusCode.OK, Patience);

        Guid assessmentId = default;
        await SuiteFixture.Eventually(async () =>
        {
            var recorded = await suite.LinkWorker.PostAsJsonAsync("/api/wellbeing/assessments", new
            {
                caseId, instrument = "swemwbs", timepoint = "baseline", mode = "faceToFace",
                responses = new[] { 3, 3, 3, 3, 3, 3, 3 }, completedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            });
            if (recorded.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            assessmentId = (await recorded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
            return true;
        }, Patience);

        var service = await suite.ProviderServiceAsync();
        // The score just recorded reaches the case at about this time: a write that meets that change is a 409
        // ("the case changed"), and is sent again, as a client would.
        HttpResponseMessage prescribed = null!;
        await SuiteFixture.Eventually(async () =>
        {
            prescribed = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new
            {
                serviceId = service.Id, serviceName = service.Name, person = new { givenName = "Matrix" }, personAgreed = true,
            });
            return prescribed.StatusCode != HttpStatusCode.Conflict;
        }, Patience);
        Assert.Equal(HttpStatusCode.OK, prescribed.StatusCode);
        var providerReferralId = (await prescribed.Content.ReadFromJsonAsync<JsonObject>())!["prescriptions"]![0]!["id"]!.GetValue<Guid>();
        using var provider = await suite.SignedInAsync("provider");
        await SuiteFixture.Eventually(async () =>
            (await provider.GetAsync($"/api/directory/referrals/{providerReferralId}")).StatusCode == HttpStatusCode.OK, Patience);

        // Notifications has heard of the case (its team decides who reads its messages).
        await SuiteFixture.Eventually(async () =>
            (await suite.LinkWorker.GetAsync($"/api/notifications/cases/{caseId}/notices")).StatusCode == HttpStatusCode.OK, Patience);

        // A safeguarding concern on the case (not urgent: it queues behind any in immediate danger).
        var concern = await suite.LinkWorker.PostAsJsonAsync($"/api/cases/{caseId}/concerns", new
        {
            subject = "adult", category = "selfNeglect", description = "The flat is cold and there is no food.", personAware = true, consent = true, immediateDanger = false,
        });
        Assert.Equal(HttpStatusCode.Created, concern.StatusCode);
        var concernId = (await concern.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        using var manager = await suite.SignedInAsync("manager");
        var personId = (await manager.GetFromJsonAsync<JsonObject>($"/api/referrals/{referralId}/person"))!["personId"]!.GetValue<Guid>();
        return new NorthRecord(referralId, reference, caseId, assessmentId, providerReferralId, personId, familyName, concernId);
    }

    private sealed record NorthRecord(
        Guid ReferralId, string Reference, Guid CaseId, Guid AssessmentId, Guid ProviderReferralId, Guid PersonId, string FamilyName, Guid ConcernId);
}
