using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;
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
