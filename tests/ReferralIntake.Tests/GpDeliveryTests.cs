using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.ReferralIntake.Features.SendGpSummary;
using SocialPrescribing.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// A closed case's GP summary sent to the person's practice system (a real HTTP server standing in for it), keyed by their
/// NHS number, retried when refused, and every step reported to Case Management.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class GpDeliveryTests(IntakeFactory factory) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        factory.GpSystem.Received.Clear();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_summary_goes_to_the_persons_practice_keyed_by_their_nhs_number_and_is_acknowledged()
    {
        var reports = BrokerListener<GpSummaryDelivery>.Start(factory.Services);
        var referralId = await FhirReferralAsync("gp-send-1", StandInGpSystem.Taking);
        var caseId = Guid.NewGuid();

        await DueAsync(caseId, referralId);
        Assert.Equal(GpDeliveryStatus.Sending, (await reports.ReadAsync(r => r.CaseId == caseId)).Status);
        Assert.Equal(1, await Dispatcher().SendDueAsync(CancellationToken.None));

        var (practice, contentType, body) = Assert.Single(factory.GpSystem.Received);
        Assert.Equal((StandInGpSystem.Taking, "application/fhir+json"), (practice, contentType.Split(';')[0]));
        var message = new FhirJsonDeserializer().Deserialize<Bundle>(body);
        Assert.Equal(Bundle.BundleType.Message, message.Type);
        var header = Assert.IsType<MessageHeader>(message.Entry[0].Resource);
        Assert.Equal(StandInGpSystem.Taking, header.Destination.Single().Receiver!.Identifier!.Value);
        var patient = message.Entry.Select(e => e.Resource).OfType<Patient>().Single();
        Assert.Equal(("https://fhir.nhs.uk/Id/nhs-number", "9434765919"), (patient.Identifier[0].System, patient.Identifier[0].Value));
        Assert.Equal("Franklin", patient.Name[0].Family);
        var patientUrl = message.Entry.Single(e => e.Resource is Patient).FullUrl;
        Assert.Equal(patientUrl, message.Entry.Select(e => e.Resource).OfType<Procedure>().Single().Subject!.Reference);

        var acknowledged = await reports.ReadAsync(r => r.CaseId == caseId && r.Status == GpDeliveryStatus.Acknowledged);
        Assert.Equal((StandInGpSystem.Taking, 1), (acknowledged.Practice, acknowledged.Attempts));
        Assert.Contains("Filed in the GP record.", acknowledged.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await Dispatcher().SendDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_refusing_gp_system_is_tried_again_and_then_the_failure_is_reported()
    {
        var reports = BrokerListener<GpSummaryDelivery>.Start(factory.Services);
        var referralId = await FhirReferralAsync("gp-send-2", StandInGpSystem.Refusing);
        var caseId = Guid.NewGuid();
        await DueAsync(caseId, referralId);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // The next attempt is due a moment after the last (the test's retry delays).
            await IntakeFactory.Eventually(async () => await Dispatcher().SendDueAsync(CancellationToken.None) == 1);
            var report = await reports.ReadAsync(r => r.CaseId == caseId && r.Attempts == attempt);
            Assert.Equal(attempt < 3 ? GpDeliveryStatus.Sending : GpDeliveryStatus.Failed, report.Status);
            Assert.Contains("The practice system is down for maintenance.", report.Detail, StringComparison.Ordinal);
        }

        await Task.Delay(200);
        Assert.Equal(0, await Dispatcher().SendDueAsync(CancellationToken.None));
        Assert.Equal(3, factory.GpSystem.Received.Count);
        Assert.Equal(GpDeliveryStatus.Failed, await factory.QueryAsync(db => db.GpDeliveries.Where(d => d.CaseId == caseId).Select(d => d.Status).SingleAsync()));
    }

    [Fact]
    public async Task Without_a_known_practice_or_its_address_nothing_is_sent_and_the_case_is_told_why()
    {
        var reports = BrokerListener<GpSummaryDelivery>.Start(factory.Services);
        var (selfReferral, _, _) = await factory.PersonWithACaseAsync();
        var unknownPractice = await FhirReferralAsync("gp-send-3", "A81001");
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        await DueAsync(first, selfReferral);
        await DueAsync(second, unknownPractice);

        var noPractice = await reports.ReadAsync(r => r.CaseId == first);
        var noAddress = await reports.ReadAsync(r => r.CaseId == second);
        Assert.Equal(GpDeliveryStatus.NotSent, noPractice.Status);
        Assert.StartsWith("No GP practice is known for the person", noPractice.Detail, StringComparison.Ordinal);
        Assert.Equal((GpDeliveryStatus.NotSent, "A81001"), (noAddress.Status, noAddress.Practice));
        Assert.StartsWith("No GP system address is set for practice A81001", noAddress.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.GpDeliveries.CountAsync()));
    }

    [Fact]
    public async Task The_same_summary_due_twice_is_sent_once()
    {
        var referralId = await FhirReferralAsync("gp-send-4", StandInGpSystem.Taking);
        var caseId = Guid.NewGuid();

        await DueAsync(caseId, referralId);
        await DueAsync(caseId, referralId);
        await Dispatcher().SendDueAsync(CancellationToken.None);

        Assert.Single(factory.GpSystem.Received);
        Assert.Equal(1, await factory.QueryAsync(db => db.GpDeliveries.CountAsync(d => d.CaseId == caseId)));
    }

    private GpSummaryDispatcher Dispatcher() => factory.Services.GetRequiredService<GpSummaryDispatcher>();

    /// <summary>A FHIR referral whose Patient names their GP practice by ODS code; its referral id.</summary>
    private async Task<Guid> FhirReferralAsync(string identifier, string practice)
    {
        var body = FhirBodies.ServiceRequest(identifier);
        body["contained"]![0]!["generalPractitioner"] = new JsonArray(new JsonObject
        {
            ["identifier"] = new JsonObject { ["system"] = "https://fhir.nhs.uk/Id/ods-organization-code", ["value"] = practice },
        });
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        var response = await factory.CreateClientWithToken(TestTokens.For(scope: "referrals:write", subject: "sp-gp-system")).PostAsync("/api/referrals/fhir", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        Assert.Equal(practice, await factory.QueryAsync(db => db.Referrals.Where(r => r.Id == id).Select(r => r.GpPractice).SingleAsync()));
        return id;
    }

    /// <summary>Case Management's GpSummaryDue for a closed case (codes only: the referral to social prescribing), handled.</summary>
    private async Task DueAsync(Guid caseId, Guid referralId)
    {
        var summary = new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Entry =
            [
                new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                    Resource = new Procedure
                    {
                        Status = EventStatus.Completed,
                        Code = new CodeableConcept("http://snomed.info/sct", "871731000000106", "Referral to social prescribing service (procedure)"),
                        Subject = new ResourceReference { Identifier = new Identifier("https://socialprescribing.example.org/id/person-reference", Guid.NewGuid().ToString()) },
                    },
                },
            ],
        };
        var due = new GpSummaryDue(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, "SP-GPSD-2345", [referralId], summary.ToJson());
        await factory.Services.GetRequiredService<IBus>().Publish(due, ctx => ctx.MessageId = due.Id);
        await factory.WaitForInboxAsync(due.Id);
    }
}
