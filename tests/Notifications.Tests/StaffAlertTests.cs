using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.Features.StaffAlerts;
using SocialPrescribing.Notifications.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>
/// Alerts to staff: a provider's decline to the case's link worker, an urgent case not reached by 15:00 to the managers of
/// its team — each once, by email (no opt-out) and on the caseload until seen.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class StaffAlertTests(NotificationsFactory factory) : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_decline_alerts_the_case_s_link_worker_once_by_email_and_on_their_caseload_until_seen()
    {
        var holder = await StaffAsync("linkworker", "north", "lw-holder", "holder@example.org");
        var other = await StaffAsync("linkworker", "north", "lw-other", "other@example.org");
        var opened = Opened(urgent: false, assignedTo: "lw-holder", at: DateTimeOffset.UtcNow);
        await factory.PublishAsync(opened);
        var declined = new ProviderReferralDeclined(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), opened.CaseId, "We are full until March");

        await factory.PublishAsync(declined);
        await factory.PublishAsync(declined);

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("holder@example.org")).Count == 1);
        var mail = Assert.Single(await factory.Mail.ToAsync("holder@example.org"));
        Assert.Equal($"A provider could not take on {opened.Reference}", mail.Subject);
        Assert.DoesNotContain("March", await factory.Mail.PlainTextAsync(mail.Id), StringComparison.Ordinal); // the reason stays on the case
        var alerts = await holder.GetFromJsonAsync<JsonObject>("/api/notifications/alerts");
        var alert = Assert.Single(alerts!["alerts"]!.AsArray());
        Assert.Equal(opened.CaseId, alert!["caseId"]!.GetValue<Guid>());
        Assert.Empty((await other.GetFromJsonAsync<JsonObject>("/api/notifications/alerts"))!["alerts"]!.AsArray());
        Assert.Empty(await factory.Mail.ToAsync("other@example.org"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/notifications/alerts/{alert["id"]}/seen", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await holder.PostAsync($"/api/notifications/alerts/{alert["id"]}/seen", null)).StatusCode);
        Assert.Empty((await holder.GetFromJsonAsync<JsonObject>("/api/notifications/alerts"))!["alerts"]!.AsArray());
    }

    [Fact]
    public async Task An_urgent_case_not_reached_by_15_00_alerts_the_team_s_managers_once_and_a_reached_one_alerts_nobody()
    {
        var manager = await StaffAsync("manager", null, "mgr-all", "manager@example.org");
        await StaffAsync("manager", "south", "mgr-south", "south.manager@example.org");
        var notReached = Opened(urgent: true, assignedTo: null, at: LondonToday(9, 30));
        var reached = Opened(urgent: true, assignedTo: null, at: LondonToday(10, 0));
        var late = Opened(urgent: true, assignedTo: null, at: LondonToday(16, 0));
        foreach (var opened in new[] { notReached, reached, late })
        {
            await factory.PublishAsync(opened);
        }

        await factory.PublishAsync(new CaseStepChanged(Guid.NewGuid(), LondonToday(11, 0), reached.CaseId, [reached.ReferralId], CaseSteps.Referral, CaseSteps.AssessmentArranged));
        var watcher = factory.Services.GetRequiredService<UrgentCaseWatcher>();

        factory.Clock.SetLondonTime(new TimeOnly(14, 59));
        var before = await watcher.CheckAsync(CancellationToken.None);
        factory.Clock.SetLondonTime(new TimeOnly(15, 1));
        await watcher.CheckAsync(CancellationToken.None);
        var again = await watcher.CheckAsync(CancellationToken.None);

        Assert.Equal(0, before);
        Assert.Equal(0, again);
        var raised = await factory.QueryAsync(db => db.StaffAlerts.Where(a => a.Kind == StaffAlerts.UrgentNotReached).ToListAsync());
        Assert.Equal(notReached.CaseId, Assert.Single(raised).CaseId);
        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("manager@example.org")).Count == 1);
        Assert.Equal($"Urgent case not reached today: {notReached.Reference}", Assert.Single(await factory.Mail.ToAsync("manager@example.org")).Subject);
        Assert.Empty(await factory.Mail.ToAsync("south.manager@example.org")); // another team's manager
        Assert.Single((await manager.GetFromJsonAsync<JsonObject>("/api/notifications/alerts"))!["alerts"]!.AsArray());
        // The case that came in after 15:00 is due by 15:00 tomorrow.
        Assert.Equal(LondonToday(15, 0).AddDays(1), factory.Services.GetRequiredService<UrgentCaseWatcher>().DueBy(late.OccurredAt));
    }

    [Fact]
    public async Task A_raised_safeguarding_concern_alerts_the_leads_and_an_overdue_one_or_an_overdue_risk_review_the_team_s_managers_each_once()
    {
        var lead = await StaffAsync("safeguarding", null, "sg-lead", "lead@example.org");
        var manager = await StaffAsync("manager", "north", "mgr-north", "north.manager@example.org");
        await StaffAsync("manager", "south", "mgr-south", "south.manager@example.org");
        var linkWorker = await StaffAsync("linkworker", "north", "lw-north", "lw@example.org");
        var opened = Opened(urgent: false, assignedTo: "lw-north", at: DateTimeOffset.UtcNow);
        await factory.PublishAsync(opened);
        var dueBy = DateTimeOffset.UtcNow.AddHours(1);
        var raised = new SafeguardingConcernRaised(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), opened.CaseId, opened.Reference, "north", true, dueBy);
        var overdue = new SafeguardingConcernOverdue(Guid.NewGuid(), DateTimeOffset.UtcNow, raised.ConcernId, opened.CaseId, opened.Reference, "north", true, dueBy);
        var review = new SameDayReviewOverdue(Guid.NewGuid(), DateTimeOffset.UtcNow, opened.CaseId, Guid.NewGuid(), opened.Reference, "north", DateTimeOffset.UtcNow);

        for (var twice = 0; twice < 2; twice++)
        {
            await factory.PublishAsync(raised);
            await factory.PublishAsync(overdue);
            await factory.PublishAsync(review);
        }

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("north.manager@example.org")).Count == 2);
        var toLead = Assert.Single(await factory.Mail.ToAsync("lead@example.org"));
        Assert.Equal($"Safeguarding concern on {opened.Reference}: act by {SafeguardingTime(dueBy)}", toLead.Subject);
        Assert.Contains($"/safeguarding/concerns/{raised.ConcernId}", await factory.Mail.PlainTextAsync(toLead.Id), StringComparison.Ordinal);
        Assert.Equal(
            [$"Overdue safeguarding concern on {opened.Reference}", $"Same-day risk review not done: {opened.Reference}"],
            (await factory.Mail.ToAsync("north.manager@example.org")).Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.Empty(await factory.Mail.ToAsync("south.manager@example.org"));
        Assert.Empty(await factory.Mail.ToAsync("lw@example.org"));
        // On screen: the lead sees the new concern, the manager the two overdue ones, the link worker none of them.
        Assert.Equal([StaffAlerts.SafeguardingRaised], Kinds(await lead.GetFromJsonAsync<JsonObject>("/api/notifications/alerts")));
        Assert.Equal([StaffAlerts.RiskReviewOverdue, StaffAlerts.SafeguardingOverdue], Kinds(await manager.GetFromJsonAsync<JsonObject>("/api/notifications/alerts")));
        Assert.Empty(Kinds(await linkWorker.GetFromJsonAsync<JsonObject>("/api/notifications/alerts")));
    }

    private static string[] Kinds(JsonObject? alerts) =>
        [.. alerts!["alerts"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private static string SafeguardingTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, London).ToString("d MMMM yyyy 'at' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>A staff member who has called the service once (so it knows their email), as a client.</summary>
    private async Task<HttpClient> StaffAsync(string role, string? team, string userId, string email)
    {
        var client = factory.CreateClientWithToken(TestTokens.For(role: role, team: team, subject: userId,
            extraClaims: new Dictionary<string, object> { ["email"] = email }));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/notifications/alerts")).StatusCode);
        return client;
    }

    private static CaseOpened Opened(bool urgent, string? assignedTo, DateTimeOffset at)
    {
        var reference = $"SP-{Random.Shared.Next(1000, 9999)}-{Random.Shared.Next(1000, 9999)}";
        return new CaseOpened(Guid.NewGuid(), at, Guid.NewGuid(), Guid.NewGuid(), reference, urgent, "phone", "self", ["loneliness"], "north", assignedTo);
    }

    private DateTimeOffset LondonToday(int hour, int minute)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), London).DateTime);
        var local = today.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }
}
