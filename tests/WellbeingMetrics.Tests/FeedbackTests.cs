using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Tests;

/// <summary>The person's feedback: asked when their case closes or a service finishes with them, answered once, reported anonymously.</summary>
[Collection(WellbeingCollection.Name)]
public sealed class FeedbackTests(WellbeingFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Person() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_closed_case_and_a_finished_service_each_ask_the_person_once_with_a_one_time_link()
    {
        var caseId = await factory.OpenCaseAsync();
        var due = BrokerListener<FeedbackLinkDue>.Start(factory.Services);
        var closed = new CaseClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [Guid.NewGuid()], "Outcomes");

        await factory.PublishAsync(closed);
        var asked = await due.ReadAsync(e => e.CaseId == caseId);
        // The same closing heard again (a redelivery under another id) asks nothing more.
        var again = closed with { Id = Guid.NewGuid() };
        await factory.PublishAsync(again);
        await factory.WaitForInboxAsync(again.Id);
        var finished = new ProviderReferralCompleted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), caseId);
        await factory.PublishAsync(finished);
        await factory.WaitForInboxAsync(finished.Id);

        Assert.StartsWith("http://localhost:8080/wellbeing/feedback/", asked.Url, StringComparison.Ordinal);
        Assert.True(asked.ExpiresAt > DateTimeOffset.UtcNow.AddDays(27));
        var links = await factory.QueryAsync(db => db.FeedbackLinks.Where(l => l.CaseId == caseId).Select(l => l.Occasion).ToListAsync());
        Assert.Equal([FeedbackOccasions.CaseClosed, FeedbackOccasions.ServiceFinished], links.Order());
        // Only a hash of the token is kept.
        var token = asked.Url.Split('/')[^1];
        Assert.False(await factory.QueryAsync(db => db.FeedbackLinks.AnyAsync(l => l.TokenHash == System.Text.Encoding.UTF8.GetBytes(token))));
    }

    [Fact]
    public async Task The_person_answers_once_anonymously_with_mistakes_named_and_a_second_use_is_gone()
    {
        var path = await AskAsync();
        var person = Person();

        var page = await person.GetStringAsync(path);
        Assert.Contains("Overall, how was your experience of our service?", page, StringComparison.Ordinal);
        Assert.Contains("Neither good nor poor", page, StringComparison.Ordinal);
        Assert.Contains("Samaritans free on 116 123", page, StringComparison.Ordinal);
        Assert.Contains("Yn gyffredinol, sut oedd eich profiad o&#x27;n gwasanaeth?", await Person().GetStringAsync(path + "?lang=cy"), StringComparison.Ordinal);

        var missing = await SendAsync(person, path, new() { ["WentWell"] = "Meeting people." });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var shown = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Choose how your experience was overall", shown, StringComparison.Ordinal);
        Assert.Contains("Meeting people.", shown, StringComparison.Ordinal);
        var tooLong = await SendAsync(person, path, new() { ["Rating"] = "good", ["CouldBeBetter"] = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Write 2,000 characters or fewer", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknownRating = await SendAsync(person, path, new() { ["Rating"] = "brilliant" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownRating.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.FeedbackAnswers.CountAsync()));

        var sent = await SendAsync(person, path, new() { ["Rating"] = "very-good", ["WentWell"] = "  The walking group.  ", ["CouldBeBetter"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Your feedback has been sent.", await person.GetStringAsync(sent.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var answer = await factory.QueryAsync(db => db.FeedbackAnswers.SingleAsync());
        Assert.Equal(("very-good", "The walking group.", (string?)null, FeedbackOccasions.CaseClosed), (answer.Rating, answer.WentWell, answer.CouldBeBetter, answer.Occasion));
        Assert.Equal(1, answer.Month.Day);
        // Nothing in the answer leads back to the case or the person.
        Assert.DoesNotContain(typeof(FeedbackAnswer).GetProperties(), p => p.Name.Contains("Case", StringComparison.Ordinal) || p.Name.Contains("Link", StringComparison.Ordinal));

        // Used once: gone, whether opened or sent again.
        Assert.Equal(HttpStatusCode.Gone, (await person.GetAsync(path)).StatusCode);
        var twice = await person.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Rating"] = "poor" }));
        Assert.True(twice.StatusCode is HttpStatusCode.Gone or HttpStatusCode.BadRequest, $"{twice.StatusCode}");
        Assert.Equal(1, await factory.QueryAsync(db => db.FeedbackAnswers.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync("/wellbeing/feedback/not-a-real-token")).StatusCode);
    }

    [Fact]
    public async Task A_feedback_link_sent_twice_with_its_form_is_gone_the_second_time()
    {
        var path = await AskAsync();
        var person = Person();
        var form = await person.GetStringAsync(path);
        Dictionary<string, string> answer = new() { ["Rating"] = "good", ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(form) };

        Assert.Equal(HttpStatusCode.Redirect, (await person.PostAsync(path, new FormUrlEncodedContent(answer))).StatusCode);
        var second = await person.PostAsync(path, new FormUrlEncodedContent(answer));

        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("This link has already been used", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.FeedbackAnswers.CountAsync()));
    }

    [Fact]
    public async Task Managers_see_counts_and_quotes_only_from_groups_of_five_or_more()
    {
        var now = DateTimeOffset.UtcNow;
        await factory.QueryAsync(async db =>
        {
            foreach (var (occasion, rating, words) in new[]
            {
                (FeedbackOccasions.CaseClosed, "very-good", "Lovely people."), (FeedbackOccasions.CaseClosed, "good", null),
                (FeedbackOccasions.CaseClosed, "good", null), (FeedbackOccasions.CaseClosed, "poor", "Too far to travel."),
                (FeedbackOccasions.CaseClosed, "dont-know", null),
                (FeedbackOccasions.ServiceFinished, "very-poor", "Nobody called me back."), (FeedbackOccasions.ServiceFinished, "good", null),
            })
            {
                var (link, _) = FeedbackLink.Create(Guid.NewGuid(), occasion, Guid.NewGuid(), now);
                db.FeedbackLinks.Add(link);
                db.FeedbackAnswers.Add(link.Answer(rating, words, null, "en", now));
            }

            return await db.SaveChangesAsync();
        });

        var report = (await factory.Manager().GetFromJsonAsync<JsonObject>("/api/wellbeing/reports/feedback"))!;

        var rows = report["rows"]!.AsArray().ToDictionary(r => r!["occasion"]!.GetValue<string>(), r => r!);
        Assert.Equal(5, rows[FeedbackOccasions.CaseClosed]["answered"]!.GetValue<int>());
        Assert.Equal(2, rows[FeedbackOccasions.CaseClosed]["ratings"]!["good"]!.GetValue<int>());
        // Positive: very good or good, of those who did not say don't know (3 of 4).
        Assert.Equal(75.0m, rows[FeedbackOccasions.CaseClosed]["percentPositive"]!.GetValue<decimal>());
        Assert.True(rows[FeedbackOccasions.ServiceFinished]["suppressed"]!.GetValue<bool>());
        Assert.Null(rows[FeedbackOccasions.ServiceFinished]["answered"]);
        // The total less the case-closed row would give the suppressed group away: suppressed too.
        Assert.True(rows["all"]["suppressed"]!.GetValue<bool>());
        var quotes = report["quotes"]!.AsArray().Select(q => q!["wentWell"]?.GetValue<string>()).ToList();
        Assert.Equal(["Lovely people.", "Too far to travel."], quotes.Order());
        Assert.DoesNotContain("Nobody called me back.", report.ToJsonString(), StringComparison.Ordinal);

        var page = await factory.Manager().GetStringAsync("/reports/feedback");
        Assert.Contains("Lovely people.", page, StringComparison.Ordinal);
        Assert.Contains("Fewer than 5 answers: not shown", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.LinkWorker().GetAsync("/api/wellbeing/reports/feedback")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.LinkWorker().GetAsync("/reports/feedback")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.Manager().GetAsync("/api/wellbeing/reports/feedback?from=soon")).StatusCode);
    }

    /// <summary>A case closes and the person is asked: the feedback page's path.</summary>
    private async Task<string> AskAsync()
    {
        var caseId = await factory.OpenCaseAsync();
        var due = BrokerListener<FeedbackLinkDue>.Start(factory.Services);
        await factory.PublishAsync(new CaseClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, [Guid.NewGuid()], "Outcomes"));
        return new Uri((await due.ReadAsync(e => e.CaseId == caseId)).Url).AbsolutePath;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, Dictionary<string, string> answers)
    {
        var form = await client.GetStringAsync(path);
        answers["__RequestVerificationToken"] = FormFields.AntiforgeryToken(form);
        return await client.PostAsync(path, new FormUrlEncodedContent(answers));
    }
}
