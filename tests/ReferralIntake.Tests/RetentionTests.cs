using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// The retention schedule in Intake, with a clock the test controls (each run is applied as of an instant the test
/// gives): what has expired goes, a day younger stays; the run is counted for managers; the audit trail is pruned
/// without breaking its chain; a wrong setting stops the service.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class RetentionTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private RetentionJob<ReferralDbContext> Job => factory.Services.GetRequiredService<RetentionJob<ReferralDbContext>>();

    [Fact]
    public async Task A_referral_that_never_became_a_case_goes_after_two_years_with_its_person_and_one_with_a_case_stays()
    {
        var lonely = await SubmitAsync(Referrals.ValidSelfReferral().With(b =>
        {
            b["person"]!["givenName"] = "Grace";
            b["person"]!["familyName"] = "Hopper";
            b["person"]!.AsObject().Remove("nhsNumber");
        }));
        var (withCase, personWithCase, _) = await factory.PersonWithACaseAsync();
        var submitted = await factory.QueryAsync(db => db.Referrals.Where(r => r.Id == lonely).Select(r => r.SubmittedAt).SingleAsync());

        var dayBefore = await Job.RunOnceAsync(submitted.AddYears(2).AddDays(-1), CancellationToken.None);
        var stillThere = await factory.QueryAsync(db => db.Referrals.AnyAsync(r => r.Id == lonely));
        var dayAfter = await Job.RunOnceAsync(submitted.AddYears(2).AddDays(1), CancellationToken.None);

        Assert.True(stillThere);
        Assert.Equal(0, dayBefore!.Removed["unconverted-referrals"]);
        Assert.Equal(2, dayAfter!.Removed["unconverted-referrals"]); // the referral and its person
        Assert.False(await factory.QueryAsync(db => db.Referrals.AnyAsync(r => r.Id == lonely)));
        Assert.Equal([personWithCase], await factory.QueryAsync(db => db.People.Select(p => p.Id).ToListAsync()));
        Assert.True(await factory.QueryAsync(db => db.Referrals.AnyAsync(r => r.Id == withCase)));
    }

    [Fact]
    public async Task A_closed_case_s_referral_goes_eight_years_after_closure_with_the_person_and_their_history()
    {
        var (referralId, personId, caseId) = await factory.PersonWithACaseAsync();
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager"));
        var corrected = await manager.PatchAsJsonAsync($"/api/people/{personId}", new { phone = "07700 900999", reason = "Moved" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var closed = new CaseClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [referralId], "Outcomes");
        await factory.Services.GetRequiredService<IBus>().Publish(closed, ctx => ctx.MessageId = closed.Id);
        await factory.WaitForInboxAsync(closed.Id);
        var closedAt = (await factory.QueryAsync(db => db.Referrals.Where(r => r.Id == referralId).Select(r => r.ClosedAt).SingleAsync()))!.Value;

        var dayBefore = await Job.RunOnceAsync(closedAt.AddYears(8).AddDays(-1), CancellationToken.None);
        var dayAfter = await Job.RunOnceAsync(closedAt.AddYears(8).AddDays(1), CancellationToken.None);

        Assert.Equal(0, dayBefore!.Removed["closed-referrals"]);
        Assert.Equal(2, dayAfter!.Removed["closed-referrals"]);
        Assert.Equal(0, await factory.QueryAsync(db => db.Referrals.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.People.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.PersonChanges.CountAsync()));
    }

    [Fact]
    public async Task Searches_and_export_contents_go_when_their_periods_end()
    {
        var (_, personId, _) = await factory.PersonWithACaseAsync();
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager"));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/people?search=Lovelace")).StatusCode);
        var export = await manager.PostAsync($"/api/people/{personId}/access-requests", null);
        Assert.Equal(HttpStatusCode.Accepted, export.StatusCode);
        var requestId = (await export.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var bus = factory.Services.GetRequiredService<IBus>();
        foreach (var service in new[] { "case-management", "wellbeing-metrics", "service-directory", "notifications" })
        {
            await bus.Publish(new SubjectAccessContributed(Guid.NewGuid(), DateTimeOffset.UtcNow, requestId, service, """{"notes":[]}"""));
        }

        await IntakeFactory.Eventually(() => factory.QueryAsync(db => db.AccessRequests.AnyAsync(r => r.Id == requestId && r.Json != null)));
        var now = DateTimeOffset.UtcNow;

        var week = await Job.RunOnceAsync(now.AddDays(7), CancellationToken.None);
        var month = await Job.RunOnceAsync(now.AddDays(31), CancellationToken.None);
        var kept = await factory.QueryAsync(db => db.AccessRequests.SingleAsync());
        var years = await Job.RunOnceAsync(now.AddYears(8).AddDays(1), CancellationToken.None);

        Assert.Equal(0, week!.Removed["exports"]);
        Assert.Equal(1, month!.Removed["exports"]);
        Assert.Equal(0, month.Removed["person-searches"]);
        Assert.Null(kept.Json);
        Assert.Null(kept.Html);
        Assert.All(kept.Parts, p => Assert.Null(p.Data));
        Assert.Equal(1, years!.Removed["person-searches"]);
        Assert.Equal(1, years.Removed["rights-requests"]);
        Assert.Equal(0, await factory.QueryAsync(db => db.PersonSearches.CountAsync()));
    }

    [Fact]
    public async Task The_audit_trail_is_pruned_after_its_period_and_its_chain_still_holds_and_grows()
    {
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager"));
        var (referralId, _, _) = await factory.PersonWithACaseAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/referrals/{referralId}")).StatusCode);
        }

        var before = await SealedChainAsync();
        var run = await Job.RunOnceAsync(DateTimeOffset.UtcNow.AddYears(8).AddDays(1), CancellationToken.None);
        var pruned = await ChainAsync();
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/referrals/{referralId}")).StatusCode);
        var after = await SealedChainAsync();

        Assert.True(run!.Removed["audit"] >= 3);
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Id <= before.HeadEntryId)));
        Assert.True(pruned.Intact, "the chain goes on from the recorded prune point");
        Assert.Equal(before.HeadEntryId, pruned.PrunedThroughEntryId);
        Assert.True(after.Intact, "entries after the prune are sealed onto its link");
        Assert.True(after.HeadEntryId > before.HeadEntryId);
    }

    [Fact]
    public async Task Managers_see_the_schedule_and_the_runs_and_link_workers_do_not()
    {
        await Job.RunOnceAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        var report = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetFromJsonAsync<RetentionReport>("/api/referrals/retention");
        var linkWorker = await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north")).GetAsync("/api/referrals/retention");
        var page = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetAsync("/people/retention");

        Assert.Equal(HttpStatusCode.Forbidden, linkWorker.StatusCode);
        Assert.Contains(report!.Schedule, r => r is { Rule: "unconverted-referrals", Period: "2 years", Setting: "Retention:UnconvertedReferrals" });
        Assert.Contains(report.Schedule, r => r is { Rule: "audit", Period: "8 years" });
        Assert.Contains(report.Schedule, r => r is { Rule: "failed-messages", Period: "30 days" });
        var latest = Assert.Single(report.Runs);
        Assert.Equal(0, latest.Removed["closed-referrals"]);
        Assert.Empty(latest.Problems);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Retention:UnconvertedReferrals", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_privacy_notice_says_what_the_schedule_does()
    {
        await using var shorter = factory.WithWebHostBuilder(b => b.UseSetting("Retention:UnconvertedReferrals", "540d"));

        var notice = await (await shorter.CreateClient().GetAsync("/privacy")).Content.ReadAsStringAsync();

        Assert.Contains("A referral that did not lead to support: 540 days after it was made.", notice, StringComparison.Ordinal);
        Assert.Contains("8 years after your support ended", notice, StringComparison.Ordinal);
        await shorter.BusStartedAsync();
    }

    [Theory]
    [InlineData("Retention:ClosedCases", "0d")]
    [InlineData("Retention:Audit", "-8y")]
    [InlineData("Retention:FailedMessages", "soon")]
    public async Task A_retention_setting_that_is_not_a_positive_duration_stops_the_service_naming_it(string setting, string value)
    {
        await using var wrong = factory.WithWebHostBuilder(b => b.UseSetting(setting, value));

        var failure = Assert.ThrowsAny<Exception>(() => wrong.CreateClient());

        Assert.Contains(setting, failure.ToString(), StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    private async Task<Guid> SubmitAsync(JsonObject referral)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", referral);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    private async Task<AuditChainReport> ChainAsync() =>
        (await factory.CreateClientWithToken(TestTokens.For(role: "admin")).GetFromJsonAsync<AuditChainReport>("/api/referrals/admin/audit-chain"))!;

    private async Task<AuditChainReport> SealedChainAsync()
    {
        AuditChainReport? report = null;
        await ServiceFactory<Program>.Eventually(async () => (report = await ChainAsync()).Unsealed == 0 && report.HeadEntryId is not null);
        return report!;
    }
}
