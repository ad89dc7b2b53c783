using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.Tests;

/// <summary>
/// The retention schedule in Wellbeing Metrics, with a clock the test controls: a questionnaire link goes 30 days
/// after it expired; a closed case's questionnaires and scores go eight years after closure; an open case's stay.
/// </summary>
[Collection(WellbeingCollection.Name)]
public sealed class RetentionTests(WellbeingFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private RetentionJob<WellbeingDbContext> Job => factory.Services.GetRequiredService<RetentionJob<WellbeingDbContext>>();

    [Fact]
    public async Task A_questionnaire_link_goes_thirty_days_after_it_expired()
    {
        var caseId = await factory.OpenCaseAsync();
        Assert.Equal(HttpStatusCode.Created, (await factory.LinkWorker().PostAsJsonAsync($"/api/wellbeing/cases/{caseId}/links", new { instrument = "ucla3", timepoint = "baseline" })).StatusCode);
        var expiresAt = await factory.QueryAsync(db => db.CompletionLinks.Select(l => l.ExpiresAt).SingleAsync());

        var early = await Job.RunOnceAsync(expiresAt.AddDays(29), CancellationToken.None);
        var due = await Job.RunOnceAsync(expiresAt.AddDays(31), CancellationToken.None);

        Assert.Equal(0, early!.Removed["completion-links"]);
        Assert.Equal(1, due!.Removed["completion-links"]);
        Assert.Equal(0, await factory.QueryAsync(db => db.CompletionLinks.CountAsync()));
    }

    [Fact]
    public async Task A_closed_case_s_scores_go_eight_years_after_closure_and_an_open_case_s_stay()
    {
        var closed = await factory.OpenCaseAsync();
        var open = await factory.OpenCaseAsync();
        foreach (var caseId in new[] { closed, open })
        {
            Assert.Equal(HttpStatusCode.Created, (await factory.LinkWorker().PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "ucla3", [1, 1, 1]))).StatusCode);
        }

        var closedAt = DateTimeOffset.UtcNow;
        var closing = new CaseClosed(Guid.NewGuid(), closedAt, closed, [Guid.NewGuid()], "Outcomes");
        await factory.PublishAsync(closing);
        await factory.WaitForInboxAsync(closing.Id);
        // The closing also asks the person for feedback: that link is the case's too.
        await WellbeingFactory.Eventually(() => factory.QueryAsync(db => db.FeedbackLinks.AnyAsync(l => l.CaseId == closed)));

        var dayBefore = await Job.RunOnceAsync(closedAt.AddYears(8).AddDays(-1), CancellationToken.None);
        var dayAfter = await Job.RunOnceAsync(closedAt.AddYears(8).AddDays(1), CancellationToken.None);

        Assert.Equal(0, dayBefore!.Removed["closed-cases"]);
        Assert.Equal(3, dayAfter!.Removed["closed-cases"]); // the questionnaire, the feedback link and the case
        Assert.Equal([open], await factory.QueryAsync(db => db.Assessments.Select(a => a.CaseId).ToListAsync()));
        Assert.Equal([open], await factory.QueryAsync(db => db.Cases.Select(c => c.Id).ToListAsync()));
    }
}
