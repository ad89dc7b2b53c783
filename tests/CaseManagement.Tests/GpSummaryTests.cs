using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>The GP write-back respects the person's sharing choice, and is served as FHIR R4.</summary>
[Collection(CaseCollection.Name)]
public sealed class GpSummaryTests(CaseFactory factory) : IAsyncLifetime
{
    private const string Referred = "871731000000106";
    private const string Declined = "871711000000103";

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Codes_only_sends_the_snomed_codes_and_nothing_else()
    {
        var id = await ArrangedThenAsync("SP-GP1A-B2CD", "codesOnly", "Declined", "Decided a walking group is not for them");

        var summary = await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{id}/gp-summary");
        var fhir = await LinkWorker().GetAsync($"/api/cases/{id}/gp-summary/fhir");

        Assert.True(summary!["shared"]!.GetValue<bool>());
        Assert.Equal([Referred, Declined], summary["codes"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()));
        Assert.Null(summary["detail"]);
        Assert.Equal("application/fhir+json", fhir.Content.Headers.ContentType?.MediaType);
        var bundle = await ReadAsync<Bundle>(fhir);
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        var procedure = bundle.Entry.Select(e => e.Resource).OfType<Procedure>().Single();
        Assert.Equal(("http://snomed.info/sct", Referred), (procedure.Code!.Coding[0].System, procedure.Code.Coding[0].Code));
        Assert.Null(procedure.Outcome);
        Assert.Equal(Declined, bundle.Entry.Select(e => e.Resource).OfType<Observation>().Single().Code.Coding[0].Code);
        // Nothing but the codes: no services, no scores, no words.
        Assert.Equal(2, bundle.Entry.Count);
        Assert.DoesNotContain("walking", await fhir.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Full_adds_the_outcome_and_services_and_none_sends_nothing()
    {
        var full = await ArrangedThenAsync("SP-GP2A-B2CD", "full", "Withdrawn", "Moved to Scotland", prescribe: true);
        var none = await ArrangedThenAsync("SP-GP2E-F3GH", "none", "Withdrawn", "Moved to Scotland");

        var bundle = await ReadAsync<Bundle>(await LinkWorker().GetAsync($"/api/cases/{full}/gp-summary/fhir"));
        var nothing = await LinkWorker().GetAsync($"/api/cases/{none}/gp-summary/fhir");
        var noneSummary = await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{none}/gp-summary");

        Assert.Equal("Withdrawn: Moved to Scotland", bundle.Entry.Select(e => e.Resource).OfType<Procedure>().Single().Outcome!.Text);
        Assert.Equal("Knit and natter", bundle.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single().Code!.Text);
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Suppressed, (await ReadAsync<OperationOutcome>(nothing)).Issue[0].Code);
        Assert.False(noneSummary!["shared"]!.GetValue<bool>());
        Assert.Empty(noneSummary["codes"]!.AsArray());
    }

    [Fact]
    public async Task An_open_case_has_no_summary_yet_and_an_unknown_one_is_404()
    {
        var id = await factory.OpenCaseAsync("SP-GP3A-B2CD", area: "LS1", shareWithGp: "full");

        Assert.Equal(HttpStatusCode.Conflict, (await LinkWorker().GetAsync($"/api/cases/{id}/gp-summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await LinkWorker().GetAsync($"/api/cases/{id}/gp-summary/fhir")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await LinkWorker().GetAsync($"/api/cases/{Guid.NewGuid()}/gp-summary/fhir")).StatusCode);
    }

    [Fact]
    public async Task Closing_a_case_that_shares_sends_its_summary_and_the_case_follows_the_delivery()
    {
        var due = BrokerListener<GpSummaryDue>.Start(factory.Services);
        var id = await ArrangedThenAsync("SP-GP4A-B2CD", "codesOnly", "Declined", "Not for them");

        var sent = await due.ReadAsync(d => d.CaseId == id);
        var bundle = new FhirJsonDeserializer().Deserialize<Bundle>(sent.Bundle);
        Assert.Equal([Referred, Declined], bundle.Entry.Select(e => e.Resource switch { Procedure p => p.Code!.Coding[0].Code, Observation o => o.Code.Coding[0].Code, _ => null }));
        Assert.Equal("sending", (await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!["gpDelivery"]!["status"]!.GetValue<string>());

        await DeliveryAsync(id, GpDeliveryStatus.Acknowledged, "Acknowledged by the GP system (200 OK): Filed in the GP record.");
        var page = await Page().GetStringAsync($"/caseworker/cases/{id}");
        Assert.Contains("Sent to the GP (practice Y12345), acknowledged.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"gp-not-sent\"", await Page().GetStringAsync("/caseworker?show=team"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_delivery_is_shown_on_the_case_and_on_the_failed_list_and_sharing_nothing_sends_nothing()
    {
        var failed = await ArrangedThenAsync("SP-GP5A-B2CD", "full", "Withdrawn", "Moved away");
        var none = await ArrangedThenAsync("SP-GP5E-F3GH", "none", "Withdrawn", "Moved away");

        await DeliveryAsync(failed, GpDeliveryStatus.Failed, "The GP system refused it (503 Service Unavailable): The practice system is down for maintenance.", attempts: 6);

        var page = await Page().GetStringAsync($"/caseworker/cases/{failed}");
        Assert.Contains("Not sent to the GP", page, StringComparison.Ordinal);
        Assert.Contains("failed after 6 attempts", page, StringComparison.Ordinal);
        var caseload = await Page().GetStringAsync("/caseworker?show=team");
        var list = caseload[caseload.IndexOf("id=\"gp-not-sent\"", StringComparison.Ordinal)..];
        Assert.Contains($"/caseworker/cases/{failed}#gp-delivery", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"/caseworker/cases/{none}", list, StringComparison.Ordinal);
        Assert.Null((await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{none}"))!["gpDelivery"]);
        var listed = await LinkWorker().GetFromJsonAsync<JsonObject>("/api/cases?gpNotSent=true&open=false");
        Assert.Equal([failed.ToString()], listed!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
    }

    [Fact]
    public void Wellbeing_scores_go_coded_with_snomed_where_a_concept_exists_and_as_text_otherwise()
    {
        var now = DateTimeOffset.UtcNow;
        var summary = new GpSummary(Guid.NewGuid(), "SP-GP6A-B2CD", Guid.NewGuid(), "full", true, "Outcomes", now, [GpSummary.Referred with { At = now }],
            new GpDetail(null, ["loneliness"], [], [
                new ScoreTaken(Guid.NewGuid(), "wemwbs", "baseline", null, "online", DateOnly.FromDateTime(now.UtcDateTime), 41),
                new ScoreTaken(Guid.NewGuid(), "swemwbs", "final", null, "online", DateOnly.FromDateTime(now.UtcDateTime), 23.21m),
                new ScoreTaken(Guid.NewGuid(), "ons4", "baseline", null, "online", DateOnly.FromDateTime(now.UtcDateTime), 6),
            ]));

        var scores = GpSummaryFhir.ToBundle(summary).Entry.Select(e => e.Resource).OfType<Observation>().Where(o => o.Value is Quantity).ToList();

        Assert.Equal(["718426000", "718466001", null], scores.Select(o => o.Code.Coding.FirstOrDefault()?.Code));
        Assert.All(scores.Where(o => o.Code.Coding.Count > 0), o => Assert.Equal("http://snomed.info/sct", o.Code.Coding[0].System));
        Assert.Equal("ons4 wellbeing score (baseline)", scores[2].Code.Text);
    }

    private async Task DeliveryAsync(Guid caseId, string status, string detail, int attempts = 1)
    {
        var delivery = new GpSummaryDelivery(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, status, "Y12345", detail, attempts);
        await factory.Services.GetRequiredService<IBus>().Publish(delivery, ctx => ctx.MessageId = delivery.Id);
        await factory.WaitForInboxAsync(delivery.Id);
    }

    private HttpClient Page()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            TestTokens.For(role: "linkworker", team: "north", subject: "lw-north", extraClaims: new Dictionary<string, object> { ["preferred_username"] = "Lee Linkworker" }));
        return client;
    }

    /// <summary>A case whose assessment was arranged (the person accepted), then ended by <paramref name="exit"/>.</summary>
    private async Task<Guid> ArrangedThenAsync(string reference, string share, string exit, string reason, bool prescribe = false)
    {
        var id = await factory.OpenCaseAsync(reference, area: "LS1", shareWithGp: share);
        Assert.Equal(HttpStatusCode.OK, (await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/contacts", new { outcome = "reached" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/steps", new { to = "AssessmentArranged" })).StatusCode);
        if (prescribe)
        {
            Assert.Equal(HttpStatusCode.OK, (await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/prescriptions",
                new { serviceId = Guid.NewGuid(), serviceName = "Knit and natter", person = new { givenName = "Ada" }, personAgreed = true })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/steps", new { to = exit, reason })).StatusCode);
        return id;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
        where T : Resource =>
        new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<T>(await response.Content.ReadAsStringAsync());

    private HttpClient LinkWorker() => factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));
}
