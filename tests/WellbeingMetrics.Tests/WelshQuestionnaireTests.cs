using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.WellbeingMetrics.Tests;

/// <summary>
/// The questionnaire in Welsh: validated Welsh wording when an admin has added it, otherwise the page says there is none
/// and asks in English; the score records the language it was answered in.
/// </summary>
[Collection(WellbeingCollection.Name)]
public sealed class WelshQuestionnaireTests(WellbeingFactory factory) : IAsyncLifetime
{
    private static readonly string[] Resources = ["services/WellbeingMetrics/Pages/CompletionText.resx", "services/Shared/WebUI/LayoutText.resx"];

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Without_validated_welsh_the_page_says_so_asks_in_english_and_the_score_is_english()
    {
        var (caseId, path) = await LinkAsync("ons4");
        var person = Person();

        var page = await person.GetStringAsync(path + "?lang=cy");

        Assert.Contains("<html lang=\"cy\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"no-validated-welsh\"", page, StringComparison.Ordinal);
        Assert.Contains("Nid oes fersiwn Gymraeg ddilys o&#x27;r holiadur hwn", page.Replace("'", "&#x27;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<span lang=\"en-GB\">Overall, how satisfied are you with your life nowadays?</span>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"AnsweredIn\" value=\"en\"", page, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(page, Resources));

        var sent = await SubmitAsync(person, path, new() { ["Answers[life-satisfaction]"] = "7", ["Answers[worthwhile]"] = "7", ["Answers[happiness]"] = "7", ["Answers[anxiety]"] = "3", ["AnsweredIn"] = "en" });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Diolch", await person.GetStringAsync(sent.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal("en", await factory.QueryAsync(db => db.Assessments.Where(a => a.CaseId == caseId).Select(a => a.Language).SingleAsync()));
    }

    [Fact]
    public async Task With_validated_welsh_added_by_an_admin_the_questions_are_welsh_and_the_score_says_cy()
    {
        var added = await factory.Admin().PutAsJsonAsync("/api/wellbeing/instruments/ucla3/translations/cy", Ucla3InWelsh());
        try
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            var (caseId, path) = await LinkAsync("ucla3");
            var person = Person();

            var page = await person.GetStringAsync(path + "?lang=cy");

            Assert.Contains("Pa mor aml ydych chi&#x27;n teimlo nad oes gennych gwmni?", page.Replace("'", "&#x27;", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains(">Yn aml</label>", page, StringComparison.Ordinal);
            Assert.Contains("value=\"Some of the time\"", page, StringComparison.Ordinal); // the answer sent is the instrument's own
            Assert.DoesNotContain("id=\"no-validated-welsh\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("How often do you feel", page, StringComparison.Ordinal);
            Assert.Contains("name=\"AnsweredIn\" value=\"cy\"", page, StringComparison.Ordinal);

            var sent = await SubmitAsync(person, path, new()
            {
                ["Answers[lack-companionship]"] = "3", ["Answers[left-out]"] = "2", ["Answers[isolated]"] = "3", ["Extra"] = "Some of the time", ["AnsweredIn"] = "cy",
            });

            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            var recorded = await factory.QueryAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.CaseId == caseId));
            Assert.Equal(("cy", 8, "Some of the time"), (recorded.Language, recorded.Score.Raw!.Value, recorded.SupplementaryAnswer));
            var shown = await factory.LinkWorker().GetFromJsonAsync<JsonObject>($"/api/wellbeing/cases/{caseId}");
            Assert.Contains("\"language\":\"cy\"", shown!.ToJsonString(), StringComparison.Ordinal);
        }
        finally
        {
            await RemoveTranslationsAsync("ucla3");
        }
    }

    [Fact]
    public async Task Switching_language_on_the_questions_keeps_the_answers_and_sends_nothing()
    {
        var (caseId, path) = await LinkAsync("ucla3");
        var person = Person();
        var page = await person.GetStringAsync(path);

        var switched = await person.PostAsync(path + "?handler=Language&lang=cy", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page),
            ["Answers[left-out]"] = "2",
            ["Extra"] = "Never",
        }));
        var html = await switched.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Contains("<html lang=\"cy\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"q-left-out-2\" name=\"Answers[left-out]\" type=\"radio\" value=\"2\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Never\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mae problem", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Assessments.CountAsync(a => a.CaseId == caseId)));
    }

    [Theory]
    [InlineData("ucla3", "fr", HttpStatusCode.BadRequest, "language")]
    [InlineData("no-such-instrument", "cy", HttpStatusCode.NotFound, null)]
    public async Task A_translation_for_another_language_or_instrument_is_refused(string instrument, string language, HttpStatusCode status, string? field)
    {
        var response = await factory.Admin().PutAsJsonAsync($"/api/wellbeing/instruments/{instrument}/translations/{language}", Ucla3InWelsh());

        Assert.Equal(status, response.StatusCode);
        if (field is not null)
        {
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Null(await factory.QueryAsync(db => db.Instruments.Where(i => i.Id == "ucla3").Select(i => i.Definition).SingleAsync()).ContinueWith(t => t.Result.Translations));
    }

    [Fact]
    public async Task A_translation_missing_a_question_or_an_answer_names_each_mistake_and_stores_nothing()
    {
        var translation = Ucla3InWelsh();
        translation["items"]!.AsArray().RemoveAt(2);
        translation["supplementary"]!["answers"]!.AsArray().RemoveAt(0);

        var response = await factory.Admin().PutAsJsonAsync("/api/wellbeing/instruments/ucla3/translations/cy", translation);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"items\"", body, StringComparison.Ordinal);
        Assert.Contains("\"supplementary.answers\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.LinkWorker().PutAsJsonAsync("/api/wellbeing/instruments/ucla3/translations/cy", Ucla3InWelsh())).StatusCode);
        Assert.Null((await factory.QueryAsync(db => db.Instruments.Where(i => i.Id == "ucla3").Select(i => i.Definition).SingleAsync())).Translations);
    }

    [Fact]
    public async Task A_score_sent_as_welsh_for_an_instrument_without_welsh_wording_is_refused()
    {
        var caseId = await factory.OpenCaseAsync();

        var response = await factory.LinkWorker().PostAsJsonAsync("/api/wellbeing/assessments", new
        {
            caseId, instrument = "ucla3", timepoint = "baseline", mode = "faceToFace", responses = new[] { 1, 1, 1 },
            completedOn = DateOnly.FromDateTime(DateTime.UtcNow), language = "cy",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"language\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Assessments.CountAsync(a => a.CaseId == caseId)));
    }

    private static JsonObject Ucla3InWelsh() => new()
    {
        ["name"] = "Graddfa unigrwydd UCLA 3 eitem",
        ["description"] = "Tri chwestiwn am ba mor aml rydych chi'n teimlo'n unig mewn gwahanol ffyrdd.",
        ["items"] = new JsonArray(
            new JsonObject { ["key"] = "lack-companionship", ["text"] = "Pa mor aml ydych chi'n teimlo nad oes gennych gwmni?" },
            new JsonObject { ["key"] = "left-out", ["text"] = "Pa mor aml ydych chi'n teimlo eich bod yn cael eich gadael allan?" },
            new JsonObject { ["key"] = "isolated", ["text"] = "Pa mor aml ydych chi'n teimlo eich bod wedi'ch ynysu oddi wrth eraill?" }),
        ["responseOptions"] = new JsonArray(
            new JsonObject { ["value"] = 1, ["label"] = "Bron byth neu byth" },
            new JsonObject { ["value"] = 2, ["label"] = "Rhywfaint o'r amser" },
            new JsonObject { ["value"] = 3, ["label"] = "Yn aml" }),
        ["source"] = "Test wording standing in for a publisher's validated translation",
        ["supplementary"] = new JsonObject
        {
            ["text"] = "Pa mor aml ydych chi'n teimlo'n unig?",
            ["answers"] = new JsonArray("Yn aml neu bob amser", "Rhywfaint o'r amser", "Weithiau", "Bron byth", "Byth"),
        },
    };

    private Task RemoveTranslationsAsync(string instrument) =>
        factory.QueryAsync(async db =>
        {
            var row = await db.Instruments.SingleAsync(i => i.Id == instrument);
            row.Definition = row.Definition with { Translations = null };
            return await db.SaveChangesAsync();
        });

    private async Task<(Guid CaseId, string Path)> LinkAsync(string instrument)
    {
        var caseId = await factory.OpenCaseAsync();
        var response = await factory.LinkWorker().PostAsJsonAsync($"/api/wellbeing/cases/{caseId}/links", new { instrument, timepoint = "baseline" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (caseId, (await response.Content.ReadFromJsonAsync<JsonObject>())!["path"]!.GetValue<string>());
    }

    private HttpClient Person() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, Dictionary<string, string> answers)
    {
        var form = await client.GetStringAsync(path);
        answers["__RequestVerificationToken"] = FormFields.AntiforgeryToken(form);
        return await client.PostAsync(path, new FormUrlEncodedContent(answers));
    }
}
