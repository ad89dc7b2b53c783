using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>A link worker refers the person to a community service; the provider's answer shows on the case.</summary>
[Collection(CaseCollection.Name)]
public sealed class PrescriptionTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient LinkWorker() => factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lee-linkworker"));

    [Fact]
    public async Task A_prescription_asks_the_provider_with_only_what_the_person_agreed_and_follows_the_answer()
    {
        var caseId = await factory.OpenCaseAsync("SP-PRES-CR1B", area: "LS6");
        var requested = BrokerListener<ProviderReferralRequested>.Start(factory.Services);
        var serviceId = Guid.NewGuid();

        var response = await LinkWorker().PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new
        {
            serviceId, serviceName = "Walking for Health, Leeds",
            person = new { givenName = "Sam", phone = "07700 900123" },
            note = "Prefers mornings.", personAgreed = true,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prescription = Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>())!["prescriptions"]!.AsArray())!;
        Assert.Equal("requested", prescription["status"]!.GetValue<string>());
        var id = prescription["id"]!.GetValue<Guid>();
        var sent = await requested.ReadAsync(r => r.ProviderReferralId == id);
        Assert.Equal((serviceId, caseId, "SP-PRES-CR1B", "Sam", "07700 900123", (string?)null), (sent.ServiceId, sent.CaseId, sent.CaseReference, sent.Person.GivenName, sent.Person.Phone, sent.Person.Email));

        var bus = factory.Services.GetRequiredService<IBus>();
        await bus.Publish(new ProviderReferralAccepted(Guid.NewGuid(), DateTimeOffset.UtcNow, id, serviceId, caseId));
        await CaseFactory.Eventually(async () => await StatusAsync(caseId, id) == "accepted");
        // A late decline changes nothing; the completion does.
        await bus.Publish(new ProviderReferralDeclined(Guid.NewGuid(), DateTimeOffset.UtcNow, id, serviceId, caseId, "Full"));
        await bus.Publish(new ProviderReferralCompleted(Guid.NewGuid(), DateTimeOffset.UtcNow, id, serviceId, caseId));
        await CaseFactory.Eventually(async () => await StatusAsync(caseId, id) == "completed");
    }

    [Fact]
    public async Task A_declined_prescription_shows_the_providers_reason()
    {
        var caseId = await factory.OpenCaseAsync("SP-PRES-DCL2", area: "LS6");
        var response = await LinkWorker().PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new
        {
            serviceId = Guid.NewGuid(), person = new { givenName = "Ria" }, personAgreed = true,
        });
        var prescription = (await response.Content.ReadFromJsonAsync<JsonObject>())!["prescriptions"]![0]!;

        await factory.Services.GetRequiredService<IBus>().Publish(new ProviderReferralDeclined(
            Guid.NewGuid(), DateTimeOffset.UtcNow, prescription["id"]!.GetValue<Guid>(), prescription["serviceId"]!.GetValue<Guid>(), caseId, "Over-65s only."));

        await CaseFactory.Eventually(async () =>
        {
            var view = await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
            return view!["prescriptions"]![0]!["reason"]?.GetValue<string>() == "Over-65s only.";
        });
    }

    [Theory]
    [InlineData("""{"person":{"givenName":"Sam"},"personAgreed":true}""", "serviceId")]
    [InlineData("""{"serviceId":"nope","person":{"givenName":"Sam"},"personAgreed":true}""", "serviceId")]
    [InlineData("""{"serviceId":"6f1c1a9e-8d6b-4b8e-9d7a-2b0a4f1d2c3e","person":{"givenName":"Sam"}}""", "personAgreed")]
    [InlineData("""{"serviceId":"6f1c1a9e-8d6b-4b8e-9d7a-2b0a4f1d2c3e","personAgreed":true}""", "person")]
    [InlineData("""{"serviceId":"6f1c1a9e-8d6b-4b8e-9d7a-2b0a4f1d2c3e","person":{"givenName":" "},"personAgreed":true}""", "person.givenName")]
    [InlineData("""{"serviceId":"6f1c1a9e-8d6b-4b8e-9d7a-2b0a4f1d2c3e","person":{"givenName":"Sam","phone":"<script>"},"personAgreed":true}""", "person.phone")]
    [InlineData("""{"serviceId":"6f1c1a9e-8d6b-4b8e-9d7a-2b0a4f1d2c3e","person":{"givenName":"Sam","email":"sam"},"personAgreed":true}""", "person.email")]
    public async Task A_prescription_with_mistakes_gets_400_naming_the_field_and_sends_nothing(string body, string field)
    {
        var caseId = await factory.OpenCaseAsync("SP-PRES-BAD3", area: "LS6");

        var response = await LinkWorker().PostAsync($"/api/cases/{caseId}/prescriptions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(field));
        Assert.Empty((await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["prescriptions"]!.AsArray());
    }

    [Fact]
    public async Task A_person_who_chose_a_service_before_referring_themselves_gives_their_link_worker_a_check_in_task()
    {
        var serviceId = Guid.NewGuid();
        var submitted = new ReferralSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "SP-CH0S-EN22", "self", "self",
            ["physical-activity"], false, new ReferralConsent(true, "none"), Guid.NewGuid(), "LS6", null, serviceId);

        await factory.Services.GetRequiredService<IBus>().Publish(submitted, ctx => ctx.MessageId = submitted.Id);
        var caseId = await factory.WaitForCaseAsync("SP-CH0S-EN22");

        var view = await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
        var task = Assert.Single(view!["tasks"]!.AsArray())!;
        Assert.Equal("check-in", task["kind"]!.GetValue<string>());
        Assert.Equal(serviceId, task["serviceId"]!.GetValue<Guid>());
        Assert.True(task["dueBy"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddDays(1.9));
    }

    [Theory]
    [InlineData("2026-11-26", "2026-11-30")] // Thursday → Monday
    [InlineData("2026-11-27", "2026-12-01")] // Friday → Tuesday
    [InlineData("2026-11-28", "2026-12-01")] // Saturday → Tuesday
    [InlineData("2026-11-30", "2026-12-02")] // Monday → Wednesday
    public void A_check_in_is_due_two_working_days_later(string from, string due) =>
        Assert.Equal(DateTimeOffset.Parse(due + "T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Model.CaseTask.AddWorkingDays(DateTimeOffset.Parse(from + "T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Model.CaseTask.CheckInDays));

    [Fact]
    public async Task A_prescription_to_a_full_service_shows_its_place_in_line_and_the_link_worker_may_withdraw_it_for_another()
    {
        var caseId = await factory.OpenCaseAsync("SP-PRES-WAI3", area: "LS6");
        var serviceId = Guid.NewGuid();
        var response = await LinkWorker().PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new
        {
            serviceId, serviceName = "Allotment club", person = new { givenName = "Kit" }, personAgreed = true,
        });
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["prescriptions"]![0]!["id"]!.GetValue<Guid>();
        var bus = factory.Services.GetRequiredService<IBus>();
        var at = DateTimeOffset.UtcNow;

        await bus.Publish(new ProviderReferralWaitlisted(Guid.NewGuid(), at, id, serviceId, caseId, 3, "full"));
        await CaseFactory.Eventually(async () => await PositionAsync(caseId) == ("waiting", 3));
        await bus.Publish(new WaitingListMoved(Guid.NewGuid(), at.AddSeconds(1), serviceId, [new WaitingListPlace(id, caseId, 2)]));
        await CaseFactory.Eventually(async () => await PositionAsync(caseId) == ("waiting", 2));
        // A move older than the last one applied arrives late: it changes nothing.
        await HandledAsync(new WaitingListMoved(Guid.NewGuid(), at, serviceId, [new WaitingListPlace(id, caseId, 3)]));
        Assert.Equal(("waiting", (int?)2), await PositionAsync(caseId));
        var page = await LinkWorker().GetStringAsync($"/caseworker/cases/{caseId}");
        Assert.Contains("On the waiting list", page, StringComparison.Ordinal);
        Assert.Contains("Withdraw<span class=\"nhsuk-u-visually-hidden\"> the request to Allotment club</span> and choose another service", page, StringComparison.Ordinal);

        var withdrawn = BrokerListener<ProviderReferralWithdrawn>.Start(factory.Services);
        var taken = await LinkWorker().PostAsync($"/api/cases/{caseId}/prescriptions/{id}/withdraw", null);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(("withdrawn", (int?)null), await PositionAsync(caseId));
        Assert.Equal((serviceId, caseId), await withdrawn.ReadAsync(e => e.ProviderReferralId == id) is var e ? (e.ServiceId, e.CaseId) : default);
        Assert.Equal(HttpStatusCode.Conflict, (await LinkWorker().PostAsync($"/api/cases/{caseId}/prescriptions/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await LinkWorker().PostAsync($"/api/cases/{caseId}/prescriptions/{Guid.NewGuid()}/withdraw", null)).StatusCode);
        // A place offered after the withdrawal does not bring it back.
        await HandledAsync(new ProviderReferralOffered(Guid.NewGuid(), DateTimeOffset.UtcNow, id, serviceId, caseId));
        Assert.Equal(("withdrawn", (int?)null), await PositionAsync(caseId));
    }

    [Fact]
    public async Task A_place_offered_from_the_waiting_list_puts_the_request_back_with_the_provider()
    {
        var caseId = await factory.OpenCaseAsync("SP-PRES-OFR4", area: "LS6");
        var serviceId = Guid.NewGuid();
        var response = await LinkWorker().PostAsJsonAsync($"/api/cases/{caseId}/prescriptions", new { serviceId, person = new { givenName = "Jo" }, personAgreed = true });
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["prescriptions"]![0]!["id"]!.GetValue<Guid>();
        var bus = factory.Services.GetRequiredService<IBus>();
        var at = DateTimeOffset.UtcNow;

        // The offer overtakes the news of joining the list: the older news, arriving second, changes nothing.
        await HandledAsync(new ProviderReferralOffered(Guid.NewGuid(), at.AddSeconds(5), id, serviceId, caseId));
        await HandledAsync(new ProviderReferralWaitlisted(Guid.NewGuid(), at, id, serviceId, caseId, 1, "paused"));
        Assert.Equal(("requested", (int?)null), await PositionAsync(caseId));
        await bus.Publish(new ProviderReferralAccepted(Guid.NewGuid(), at.AddSeconds(10), id, serviceId, caseId));
        await CaseFactory.Eventually(async () => await StatusAsync(caseId, id) == "accepted");
    }

    /// <summary>Publishes <paramref name="message"/> and waits until Case Management has handled it.</summary>
    private async Task HandledAsync<T>(T message)
        where T : class, IIntegrationEvent
    {
        await factory.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = message.Id);
        await factory.WaitForInboxAsync(message.Id);
    }

    private async Task<(string Status, int? Position)> PositionAsync(Guid caseId)
    {
        var prescription = (await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["prescriptions"]![0]!;
        return (prescription["status"]!.GetValue<string>(), prescription["position"]?.GetValue<int>());
    }

    private async Task<string?> StatusAsync(Guid caseId, Guid prescriptionId)
    {
        var view = await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
        return view!["prescriptions"]!.AsArray().SingleOrDefault(p => p!["id"]!.GetValue<Guid>() == prescriptionId)?["status"]?.GetValue<string>();
    }
}
