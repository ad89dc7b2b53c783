using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// Who reads a referral: its summary, the person and the FHIR ServiceRequest answer exactly the same
/// callers (link workers of the case's team, managers, the call handler who took it, the client that
/// sent it), every read is audited, and an integration client's identifiers are its own.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class ReferralAccessTests(IntakeFactory factory) : IAsyncLifetime
{
    private static readonly string[] Routes = ["/api/referrals/{0}", "/api/referrals/{0}/person", "/api/referrals/fhir/ServiceRequest/{0}"];

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Summary_person_and_fhir_read_answer_only_the_link_workers_of_the_case_team_and_managers_each_read_audited()
    {
        var created = await (await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral())).Content.ReadFromJsonAsync<JsonObject>();
        var id = created!["id"]!.GetValue<Guid>();
        var north = Client(role: "linkworker", team: "north", subject: "lw-north");
        // No case yet: no team's link worker may read it.
        await ExpectEverywhereAsync(north, id, HttpStatusCode.NotFound);

        var opened = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), id, created["reference"]!.GetValue<string>(), false, Team: "north");
        await factory.Services.GetRequiredService<IBus>().Publish(opened, ctx => ctx.MessageId = opened.Id);
        await factory.WaitForInboxAsync(opened.Id);

        await ExpectEverywhereAsync(north, id, HttpStatusCode.OK);
        await ExpectEverywhereAsync(Client(role: "manager", subject: "mo-manager"), id, HttpStatusCode.OK);
        await ExpectEverywhereAsync(Client(role: "linkworker", team: "south", subject: "lw-south"), id, HttpStatusCode.NotFound);
        await ExpectEverywhereAsync(Client(role: "callhandler", subject: "cal-handler"), id, HttpStatusCode.NotFound);
        await ExpectEverywhereAsync(Client(role: "admin", subject: "ada-admin"), id, HttpStatusCode.Forbidden);
        await ExpectEverywhereAsync(Client(role: "provider", subject: "pat-provider"), id, HttpStatusCode.Forbidden);
        await ExpectEverywhereAsync(Client(scope: "referrals:write", subject: "another-gp-system"), id, HttpStatusCode.Forbidden, fhirStatus: HttpStatusCode.NotFound);

        var reads = await ReadsAsync(id);
        Assert.Equal(3, reads.Count(r => r.Actor == "lw-north"));
        Assert.Equal(3, reads.Count(r => r.Actor == "mo-manager"));
        Assert.Equal(["GET /api/referrals/fhir/ServiceRequest/{id:guid}", "GET /api/referrals/{id:guid}", "GET /api/referrals/{id:guid}/person"],
            reads.Where(r => r.Actor == "lw-north").Select(r => r.Route).Order(StringComparer.Ordinal));

        // Refused reads are audited too: who asked for which record, and that it was refused.
        var refused = await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>().AsNoTracking()
            .Where(a => a.ResourceId == id && a.ResourceType == "refused-read").ToListAsync());
        Assert.Equal(3, refused.Count(r => r.Actor == "lw-south" && r.Action == "refused 404"));
        Assert.Equal(3, refused.Count(r => r.Actor == "ada-admin" && r.Action == "refused 403"));
        Assert.Equal(3, refused.Count(r => r.Actor == "cal-handler"));
        Assert.DoesNotContain(refused, r => r.Actor is "lw-north" or "mo-manager" && r.At > reads.Min(x => x.At));
    }

    [Fact]
    public async Task A_call_handler_reads_only_the_referrals_they_took()
    {
        var phone = Referrals.ValidSelfReferral().With(b => b["channel"] = "phone");
        var taken = await Client(role: "callhandler", subject: "casey").PostAsJsonAsync("/api/referrals", phone);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var id = (await taken.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        await ExpectEverywhereAsync(Client(role: "callhandler", subject: "casey"), id, HttpStatusCode.OK);
        await ExpectEverywhereAsync(Client(role: "callhandler", subject: "another-call-handler"), id, HttpStatusCode.NotFound);
        Assert.Equal(3, (await ReadsAsync(id)).Count(r => r.Actor == "casey"));
    }

    [Fact]
    public async Task An_integration_clients_identifiers_are_its_own_for_resend_withdrawal_and_read()
    {
        var first = await SendAsync("gp-system-a", FhirBodies.ServiceRequest("shared-9001"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var location = first.Headers.Location!;

        // Another system cannot read it, nor withdraw it by the same identifier.
        Assert.Equal(HttpStatusCode.NotFound, (await Client(scope: "referrals:write", subject: "gp-system-b").GetAsync(location)).StatusCode);
        var revokedByOther = await SendAsync("gp-system-b", FhirBodies.ServiceRequest("shared-9001", status: "revoked"));
        Assert.Equal(HttpStatusCode.NotFound, revokedByOther.StatusCode);
        Assert.Equal("OperationOutcome", JsonNode.Parse(await revokedByOther.Content.ReadAsStringAsync())!["resourceType"]!.GetValue<string>());
        Assert.Equal(ReferralStatus.Received, await factory.QueryAsync(db => db.Referrals.Select(r => r.Status).SingleAsync()));

        // Its identifier is its own: the same value from another system is another referral; a resend by the first is the first.
        Assert.Equal(HttpStatusCode.Created, (await SendAsync("gp-system-b", FhirBodies.ServiceRequest("shared-9001"))).StatusCode);
        var resent = await SendAsync("gp-system-a", FhirBodies.ServiceRequest("shared-9001"));
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(location, resent.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, (await Client(scope: "referrals:write", subject: "gp-system-a").GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("gp-system-a", FhirBodies.ServiceRequest("shared-9001", status: "revoked"))).StatusCode);
        Assert.Equal(2, (await factory.CountAsync()).Referrals);
    }

    private HttpClient Client(string? role = null, string? team = null, string? scope = null, string subject = "test-user") =>
        factory.CreateClientWithToken(TestTokens.For(role: role, team: team, scope: scope, subject: subject));

    private async Task<HttpResponseMessage> SendAsync(string client, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        return await Client(scope: "referrals:write", subject: client).PostAsync("/api/referrals/fhir", content);
    }

    private static async Task ExpectEverywhereAsync(HttpClient client, Guid id, HttpStatusCode expected, HttpStatusCode? fhirStatus = null)
    {
        foreach (var route in Routes)
        {
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id);
            var want = route.Contains("fhir", StringComparison.Ordinal) ? fhirStatus ?? expected : expected;
            Assert.True((await client.GetAsync(path)).StatusCode == want, $"GET {path}: expected {(int)want}");
        }
    }

    private Task<List<Messaging.Audit.AuditEntry>> ReadsAsync(Guid id) =>
        factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>().AsNoTracking().Where(a => a.ResourceId == id && a.Action == "read").ToListAsync());
}
