using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Notifications.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>What staff see: a case's messages (its team and managers only, audited) and the managers' list of messages that did not arrive.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class StaffViewTests(NotificationsFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_case_shows_its_messages_to_its_team_with_what_they_said_but_never_the_stop_link()
    {
        var (caseId, referral) = await CaseAsync("north", new NoticeRecipient("Ada", "ada.case@example.org", null, "email"));
        var booked = new MeetingChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [referral], Guid.NewGuid(), "booked",
            DateTimeOffset.UtcNow.AddDays(4), 60, "faceToFace", "Central Library");
        await factory.PublishAsync(booked);
        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("ada.case@example.org")).Count == 2);
        await NotificationsFactory.Eventually(async () => await factory.QueryAsync(db => db.Notices.CountAsync(n => n.Status == NoticeStatus.Sent)) == 2);

        var north = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));
        var listed = await north.GetFromJsonAsync<JsonObject>($"/api/notifications/cases/{caseId}/notices");
        var south = await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south")).GetAsync($"/api/notifications/cases/{caseId}/notices");
        var callHandler = await factory.CreateClientWithToken(TestTokens.For(role: "callhandler", team: "north")).GetAsync($"/api/notifications/cases/{caseId}/notices");
        var manager = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetAsync($"/api/notifications/cases/{caseId}/notices");

        var notices = listed!["notices"]!.AsArray().Select(n => n!).ToList();
        Assert.Equal(["referral-acknowledgement", "meeting-booked", "meeting-reminder"], notices.Select(n => n["kind"]!.GetValue<string>()));
        Assert.Equal(["sent", "sent", "pending"], notices.Select(n => n["status"]!.GetValue<string>()));
        Assert.Equal("Reminder the day before", notices[2]["title"]!.GetValue<string>());
        Assert.Contains("Central Library", notices[1]["body"]!.GetValue<string>(), StringComparison.Ordinal);
        var token = await factory.QueryAsync(db => db.Recipients.Select(r => r.OptOutToken).SingleAsync());
        Assert.DoesNotContain(token, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ada.case@example.org", listed.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, south.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, callHandler.StatusCode);
        Assert.Equal(HttpStatusCode.OK, manager.StatusCode);
        var contract = (await north.GetFromJsonAsync<JsonArray>($"/api/notifications/cases/{caseId}/messages"))!;
        Assert.Equal(["referral-acknowledgement", "meeting-booked", "meeting-reminder"], contract!.Select(m => m!["template"]!.GetValue<string>()));
        Assert.Equal(["sent", "sent", "scheduled"], contract!.Select(m => m!["status"]!.GetValue<string>()));
        Assert.All(contract, m => Assert.Equal("ada.case@example.org", m!["to"]!.GetValue<string>()));
        Assert.Null(contract[2]!["sentAt"]);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south")).GetAsync($"/api/notifications/cases/{caseId}/messages")).StatusCode);
        Assert.True(await factory.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.ResourceType == "case-notices" && a.Actor == "lw-north" && a.ResourceId == caseId)));
    }

    [Fact]
    public async Task An_undelivered_message_is_listed_for_managers_and_goes_to_the_corrected_contact_when_sent_again()
    {
        var person = Guid.NewGuid();
        var first = new ReferralAcknowledgementDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), person, "SP-UNAR-2345",
            new NoticeRecipient("Grace", "grace at example dot org", null, "email"));
        await factory.PublishAsync(first);
        await NotificationsFactory.Eventually(async () => await factory.QueryAsync(db => db.Notices.AnyAsync(n => n.Status == NoticeStatus.Undelivered)));
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager"));

        var listed = await manager.GetFromJsonAsync<JsonObject>("/api/notifications/notices");
        var linkWorker = await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north")).GetAsync("/api/notifications/notices");
        var unknownStatus = await manager.GetAsync("/api/notifications/notices?status=lost");
        var notice = Assert.Single(listed!["notices"]!.AsArray());
        var id = notice!["id"]!.GetValue<Guid>();
        Assert.Equal("undelivered", notice["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, linkWorker.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus.StatusCode);
        Assert.Equal("application/problem+json", unknownStatus.Content.Headers.ContentType?.MediaType);

        // Their email is corrected (a later referral carries it), then a manager sends the message again.
        await factory.PublishAsync(first with { Id = Guid.NewGuid(), ReferralId = Guid.NewGuid(), Recipient = first.Recipient with { Email = "grace.fixed@example.org" } });
        var resent = await manager.PostAsync($"/api/notifications/notices/{id}/resend", null);
        var again = await manager.PostAsync($"/api/notifications/notices/{id}/resend", null);
        var unknown = await manager.PostAsync($"/api/notifications/notices/{Guid.NewGuid()}/resend", null);

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("grace.fixed@example.org")).Count(m => m.Subject == "We have your referral: SP-UNAR-2345") == 2);
        Assert.True(again.StatusCode is HttpStatusCode.Conflict, $"a second resend of a message due again: {again.StatusCode}");
        Assert.True(await factory.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "resend" && a.ResourceId == id)));
    }

    /// <summary>A case of <paramref name="team"/> opened for a referral whose person Notifications knows.</summary>
    private async Task<(Guid Case, Guid Referral)> CaseAsync(string team, NoticeRecipient recipient)
    {
        var due = new ReferralAcknowledgementDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-CASE-2345", recipient);
        await factory.PublishAsync(due);
        var opened = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), due.ReferralId, "SP-CASE-2345", false, "web", "self", ["loneliness"], team, "lw-north");
        await factory.PublishAsync(opened);
        return (opened.CaseId, due.ReferralId);
    }
}
