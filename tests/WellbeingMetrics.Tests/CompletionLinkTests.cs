using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.WellbeingMetrics.Tests;

/// <summary>A person completes a questionnaire from a one-time link, without an account.</summary>
[Collection(WellbeingCollection.Name)]
public sealed class CompletionLinkTests(WellbeingFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(Guid CaseId, string Path)> LinkAsync(string instrument = "ucla3", string timepoint = "baseline")
    {
        var caseId = await factory.OpenCaseAsync();
        var response = await factory.LinkWorker().PostAsJsonAsync($"/api/wellbeing/cases/{caseId}/links", new { instrument, timepoint });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.EndsWith(link!["path"]!.GetValue<string>(), link["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(link["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddDays(6.9));
        return (caseId, link["path"]!.GetValue<string>());
    }

    private HttpClient Person() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_link_is_published_for_the_notifications_service_to_send_to_the_person()
    {
        var caseId = await factory.OpenCaseAsync();
        var due = BrokerListener<QuestionnaireLinkDue>.Start(factory.Services);

        var response = await factory.LinkWorker().PostAsJsonAsync($"/api/wellbeing/cases/{caseId}/links", new { instrument = "ucla3", timepoint = "baseline" });

        var link = await response.Content.ReadFromJsonAsync<JsonObject>();
        var published = await due.ReadAsync(e => e.CaseId == caseId);
        Assert.Equal(link!["url"]!.GetValue<string>(), published.Url);
        Assert.Equal(link["id"]!.GetValue<Guid>(), published.LinkId);
        Assert.Equal(link["expiresAt"]!.GetValue<DateTimeOffset>(), published.ExpiresAt);
    }

    [Fact]
    public async Task A_link_is_built_from_the_public_address_whatever_host_the_request_names()
    {
        var caseId = await factory.OpenCaseAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/wellbeing/cases/{caseId}/links")
        {
            Content = JsonContent.Create(new { instrument = "ucla3", timepoint = "baseline" }),
        };
        request.Headers.Host = "attacker.example";
        request.Headers.Add("X-Forwarded-Host", "attacker.example");

        var response = await factory.LinkWorker().SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.Content.ReadFromJsonAsync<JsonObject>();
        // Development's public address (Gateway:PublicBaseUrl), not the service's own host nor the header's.
        Assert.StartsWith("http://localhost:8080/wellbeing/complete/", link!["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, Dictionary<string, string> answers)
    {
        var form = await client.GetStringAsync(path);
        answers["__RequestVerificationToken"] = FormFields.AntiforgeryToken(form);
        return await client.PostAsync(path, new FormUrlEncodedContent(answers));
    }

    [Fact]
    public async Task The_person_answers_online_and_the_score_is_recorded_once()
    {
        var (caseId, path) = await LinkAsync();
        var person = Person();

        var page = await person.GetStringAsync(path);
        Assert.Contains("How often do you feel that you lack companionship?", page, StringComparison.Ordinal);
        Assert.Contains("How often do you feel lonely?", page, StringComparison.Ordinal);

        var sent = await SubmitAsync(person, path, new()
        {
            ["Answers[lack-companionship]"] = "3", ["Answers[left-out]"] = "2", ["Answers[isolated]"] = "3", ["Extra"] = "Some of the time",
        });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Thank you", await person.GetStringAsync(sent.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var recorded = await factory.QueryAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.CaseId == caseId));
        Assert.Equal(("online", "self", 8, "Some of the time"), (recorded.Mode, recorded.RecordedBy, recorded.Score.Raw!.Value, recorded.SupplementaryAnswer));

        var again = await person.GetAsync(path);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unanswered_questions_are_named_in_an_error_summary_and_answers_kept()
    {
        var (caseId, path) = await LinkAsync();
        var person = Person();

        var sent = await SubmitAsync(person, path, new() { ["Answers[lack-companionship]"] = "2", ["Answers[isolated]"] = "9" });

        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        var page = await sent.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#q-left-out\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#q-isolated\"", page, StringComparison.Ordinal);
        Assert.Matches("id=\"q-lack-companionship-2\"[^>]*checked", page);
        Assert.Equal(0, await factory.QueryAsync(db => db.Assessments.CountAsync(a => a.CaseId == caseId)));
    }

    [Fact]
    public async Task Unknown_and_expired_links_say_so_and_record_nothing()
    {
        var (caseId, path) = await LinkAsync();
        await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE completion_links SET expires_at = now() - interval '1 minute'"));

        var expired = await Person().GetAsync(path);
        var unknown = await Person().GetAsync("/wellbeing/complete/not-a-real-token");

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Links_are_for_cases_the_link_worker_may_see_and_a_taken_baseline_is_refused()
    {
        var theirs = await factory.OpenCaseAsync(team: "leeds-south");
        var mine = await factory.OpenCaseAsync();
        await factory.LinkWorker().PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(mine, "ucla3", [1, 1, 1]));

        var other = await factory.LinkWorker().PostAsJsonAsync($"/api/wellbeing/cases/{theirs}/links", new { instrument = "ucla3", timepoint = "baseline" });
        var taken = await factory.LinkWorker().PostAsJsonAsync($"/api/wellbeing/cases/{mine}/links", new { instrument = "ucla3", timepoint = "baseline" });
        var unknownInstrument = await factory.LinkWorker().PostAsJsonAsync($"/api/wellbeing/cases/{mine}/links", new { instrument = "pam", timepoint = "followup" });

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownInstrument.StatusCode);
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored()
    {
        var (_, path) = await LinkAsync();
        var token = path.Split('/').Last();

        var hashes = await factory.QueryAsync(db => db.CompletionLinks.Select(l => l.TokenHash).ToListAsync());

        var hash = Assert.Single(hashes);
        Assert.Equal(32, hash.Length);
        Assert.DoesNotContain(token, Convert.ToBase64String(hash), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_shows_the_explanation_a_chart_with_a_table_and_makes_links()
    {
        var caseId = await factory.OpenCaseAsync();
        var linkWorker = factory.LinkWorker();
        await linkWorker.PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "wemwbs", [.. Enumerable.Repeat(3, 14)], completedOn: DateTime.UtcNow.AddDays(-40).ToString("yyyy-MM-dd")));
        await linkWorker.PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "wemwbs", [.. Enumerable.Repeat(4, 14)], "followup"));
        await linkWorker.PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "ons4", [4, 5, 6, 7], completedOn: DateTime.UtcNow.AddDays(-40).ToString("yyyy-MM-dd")));
        await linkWorker.PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, "ons4", [8, 7, 6, 2], "followup"));

        var page = await linkWorker.GetStringAsync($"/wellbeing/cases/{caseId}");

        Assert.Contains("real improvement", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", page, StringComparison.Ordinal);
        Assert.Contains("<caption class=\"nhsuk-table__caption nhsuk-table__caption--s\">Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS) scores</caption>", page, StringComparison.Ordinal);
        Assert.Contains(">56<", page, StringComparison.Ordinal);
        // ONS4 is charted item by item: a column per item in its table, each answer in turn.
        Assert.Contains("nhsuk-table__header--numeric\">Life satisfaction<", page, StringComparison.Ordinal);
        Assert.Matches("Anxiety<[\\s\\S]*>7<[\\s\\S]*>2<", page);

        var made = await linkWorker.PostAsync($"/wellbeing/cases/{caseId}?handler=Link", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["LinkInstrument"] = "swemwbs", ["LinkTimepoint"] = "baseline", ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page),
        }));
        var withLink = await made.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Contains("/wellbeing/complete/", withLink, StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.CompletionLinks.CountAsync(l => l.CaseId == caseId && l.InstrumentId == "swemwbs")));
    }
}
