using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>Meetings, contact attempts, notes, tasks and caseloads through the API, on the real database and broker.</summary>
[Collection(CaseCollection.Name)]
public sealed class CaseworkApiTests(CaseFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Booking_moving_and_cancelling_a_meeting_tell_the_person_through_MeetingChanged_without_the_reason()
    {
        var id = await factory.OpenCaseAsync("SP-CW9A-B2CD", area: "LS1");
        var told = BrokerListener<MeetingChanged>.Start(factory.Services);
        var start = NextMorning();

        var booked = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = start, mode = "faceToFace", place = "Central Library" });
        var meetingId = (await booked.Content.ReadFromJsonAsync<JsonObject>())!["appointments"]!.AsArray().Single()!["id"]!.GetValue<Guid>();
        await LinkWorker().PutAsJsonAsync($"/api/cases/{id}/appointments/{meetingId}", new { startsAt = start.AddDays(1), mode = "phone" });
        await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments/{meetingId}/cancel", new { reason = "Feeling low today" });

        var first = await told.ReadAsync(m => m.MeetingId == meetingId && m.Change == "booked");
        var second = await told.ReadAsync(m => m.MeetingId == meetingId && m.Change == "moved");
        var third = await told.ReadAsync(m => m.MeetingId == meetingId && m.Change == "cancelled");
        Assert.Equal((id, start, "faceToFace", "Central Library"), (first.CaseId, first.StartsAt, first.Mode, first.Place));
        Assert.Equal((start.AddDays(1), "phone"), (second.StartsAt, second.Mode));
        Assert.NotEmpty(third.ReferralIds);
        Assert.DoesNotContain("Feeling low", System.Text.Json.JsonSerializer.Serialize(third), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_is_booked_moved_and_cancelled_and_bad_times_are_400_storing_nothing()
    {
        var id = await factory.OpenCaseAsync("SP-CW1A-B2CD", area: "LS1");
        var other = await factory.OpenCaseAsync("SP-CW1E-F3GH", area: "LS1");
        var start = NextMorning();
        await Manager().PostAsJsonAsync($"/api/cases/{other}/assign", new { assignedTo = await JoinRosterAsync() });
        await Manager().PostAsJsonAsync($"/api/cases/{id}/assign", new { assignedTo = "lw-north" });
        Assert.Equal(HttpStatusCode.OK, (await LinkWorker().PostAsJsonAsync($"/api/cases/{other}/appointments", new { startsAt = start.AddHours(3), durationMinutes = 60 })).StatusCode);

        var booked = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = start, durationMinutes = 45, mode = "video" });
        var past = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
        var overlapping = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = start.AddMinutes(30) });
        var clashesWithOtherCase = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = start.AddHours(3).AddMinutes(30) });
        var noOffset = await Post($"/api/cases/{id}/appointments", $"{{\"startsAt\":\"{start.AddDays(1):yyyy-MM-ddTHH:mm:ss}\"}}");
        var endOfTime = await Post($"/api/cases/{id}/appointments", "{\"startsAt\":\"9999-12-31T23:30:00Z\",\"durationMinutes\":240}");

        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        foreach (var refused in new[] { past, overlapping, clashesWithOtherCase, noOffset, endOfTime })
        {
            await AssertFieldErrorAsync(refused, "startsAt");
        }

        var meeting = (await booked.Content.ReadFromJsonAsync<JsonObject>())!["appointments"]!.AsArray().Single()!;
        var meetingId = meeting["id"]!.GetValue<Guid>();
        Assert.Equal(("video", 45, "booked"), (meeting["mode"]!.GetValue<string>(), meeting["durationMinutes"]!.GetValue<int>(), meeting["status"]!.GetValue<string>()));

        var moved = await LinkWorker().PutAsJsonAsync($"/api/cases/{id}/appointments/{meetingId}", new { startsAt = start.AddDays(1), mode = "faceToFace", place = "Hyde Park surgery" });
        var cancelled = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments/{meetingId}/cancel", new { reason = "Person asked to rearrange" });
        var cancelledAgain = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments/{meetingId}/cancel", new { });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = (await cancelled.Content.ReadFromJsonAsync<JsonObject>())!["appointments"]!.AsArray().Single()!;
        Assert.Equal(("cancelled", "Person asked to rearrange", "Hyde Park surgery", "lw-north"),
            (after["status"]!.GetValue<string>(), after["cancelReason"]!.GetValue<string>(), after["place"]!.GetValue<string>(), after["changedBy"]!.GetValue<string>()));
        await AssertFieldErrorAsync(cancelledAgain, "appointmentId");
    }

    [Fact]
    public async Task Three_failed_attempts_suggest_UnableToContact_and_reaching_the_person_is_the_first_contact()
    {
        var id = await factory.OpenCaseAsync("SP-CW2A-B2CD", area: "LS1");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/contacts", new { outcome = "noAnswer", mode = "phone", at = DateTimeOffset.UtcNow.AddMinutes(i - 10) })).StatusCode);
        }

        var suggested = await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        var reached = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/contacts", new { outcome = "reached", mode = "phone", note = "Happy to meet at the library" });
        var after = await reached.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("UnableToContact", suggested!["suggestedExit"]!.GetValue<string>());
        Assert.Equal(3, suggested["failedAttemptsInARow"]!.GetValue<int>());
        Assert.Null(suggested["firstContactAt"]);
        Assert.Null(after!["suggestedExit"]);
        Assert.NotNull(after["firstContactAt"]);
        Assert.Equal(4, after["contacts"]!.AsArray().Count);
        // A reached contact is evidence enough for AssessmentArranged.
        Assert.Null(after["nextSteps"]!.AsArray().Single(s => s!["step"]!.GetValue<string>() == "AssessmentArranged")!["missing"]);
    }

    [Theory]
    [InlineData("{\"outcome\":\"maybe\"}", "outcome")]
    [InlineData("{}", "outcome")]
    [InlineData("{\"outcome\":\"reached\",\"at\":\"yesterday\"}", "at")]
    [InlineData("{\"outcome\":\"reached\",\"mode\":7}", "mode")]
    [InlineData("{\"outcome\":\"didNotAttend\"}", "appointmentId")]
    [InlineData("{\"outcome\":\"reached\",\"colour\":\"blue\"}", "colour")]
    [InlineData("{\"outcome\":\"reached\",\"at\":\"0001-01-01T00:00:00Z\"}", "at")]
    public async Task A_bad_contact_is_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var id = await factory.OpenCaseAsync("SP-CW3A-B2CD", area: "LS1");

        await AssertFieldErrorAsync(await Post($"/api/cases/{id}/contacts", body), field);

        Assert.Empty((await LinkWorker().GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!["contacts"]!.AsArray());
    }

    [Fact]
    public async Task Notes_and_tasks_keep_who_and_when_and_a_note_over_ten_thousand_characters_is_400()
    {
        var id = await factory.OpenCaseAsync("SP-CW4A-B2CD", area: "LS1");
        var dueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd");

        var note = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "Enjoys gardening; <script>alert(1)</script> kept as typed" });
        var tooLong = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/notes", new { text = new string('n', 10_001) });
        var task = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/tasks", new { description = "Check in after the first choir session", dueOn });
        var badDate = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/tasks", new { description = "Call", dueOn = "2026-02-30" });
        var pastDate = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/tasks", new { description = "Call", dueOn = "2020-01-01" });
        var lastDay = await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/tasks", new { description = "Call", dueOn = "9999-12-31" });

        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        await AssertFieldErrorAsync(tooLong, "text");
        await AssertFieldErrorAsync(badDate, "dueOn");
        await AssertFieldErrorAsync(pastDate, "dueOn");
        await AssertFieldErrorAsync(lastDay, "dueOn");
        var view = await task.Content.ReadFromJsonAsync<JsonObject>();
        var written = view!["notes"]!.AsArray().Single()!;
        Assert.Equal(("Enjoys gardening; <script>alert(1)</script> kept as typed", "lw-north"), (written["text"]!.GetValue<string>(), written["by"]!.GetValue<string>()));
        var taskId = view["tasks"]!.AsArray().Single()!["id"]!.GetValue<Guid>();

        var done = await LinkWorker().PostAsync($"/api/cases/{id}/tasks/{taskId}/done", null);

        var completed = (await done.Content.ReadFromJsonAsync<JsonObject>())!["tasks"]![0]!;
        Assert.NotNull(completed["doneAt"]);
        Assert.Equal(("lw-north", "lw-north"), (completed["createdBy"]!.GetValue<string>(), completed["doneBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_cases_and_other_teams_cases_are_404_and_a_closed_case_takes_no_more_work()
    {
        var id = await factory.OpenCaseAsync("SP-CW5A-B2CD", area: "LS1");
        var south = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south", subject: "lw-south"));
        await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/steps", new { to = "Declined", reason = "Prefers to manage alone" });

        Assert.Equal(HttpStatusCode.NotFound, (await LinkWorker().PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/notes", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await south.PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/appointments", new { startsAt = NextMorning() })).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await LinkWorker().PostAsync($"/api/cases/{id}/notes", new StringContent("text=x", Encoding.UTF8, "text/plain"))).StatusCode);
        // A note after closing is still allowed: what happened later is worth keeping.
        Assert.Equal(HttpStatusCode.OK, (await LinkWorker().PostAsJsonAsync($"/api/cases/{id}/notes", new { text = "Rang back to say thanks" })).StatusCode);
    }

    [Fact]
    public async Task New_cases_go_to_the_team_link_worker_with_fewest_open_cases_and_wait_unassigned_when_the_team_has_none()
    {
        var waiting = await factory.OpenCaseAsync("SP-CW6A-B2CD", area: "LS1");
        var busy = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-busy"));
        await busy.GetAsync("/api/cases?assignedTo=me");
        var first = await factory.OpenCaseAsync("SP-CW6E-F3GH", area: "LS1");
        await LinkWorker().GetAsync("/api/cases?assignedTo=me");
        var second = await factory.OpenCaseAsync("SP-CW6J-K4LM", area: "LS1");
        var third = await factory.OpenCaseAsync("SP-CW6N-P5QR", area: "LS1");

        Assert.Null(await HolderAsync(waiting));
        Assert.Equal("lw-busy", await HolderAsync(first));
        Assert.Equal("lw-north", await HolderAsync(second));
        // A tie (one each): the longer-serving link worker.
        Assert.Equal("lw-busy", await HolderAsync(third));

        var taken = await LinkWorker().PostAsync($"/api/cases/{waiting}/take", null);
        var takenFromColleague = await LinkWorker().PostAsync($"/api/cases/{first}/take", null);
        var mine = await LinkWorker().GetFromJsonAsync<JsonObject>("/api/cases?assignedTo=me");
        var counts = await LinkWorker().GetFromJsonAsync<JsonObject>("/api/cases/counts?assignedTo=me");

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, takenFromColleague.StatusCode);
        Assert.Equal(["SP-CW6J-K4LM", "SP-CW6A-B2CD"], mine!["items"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()));
        Assert.Equal((2, 0, 2), (counts!["open"]!.GetValue<int>(), counts["unassigned"]!.GetValue<int>(), counts["byStep"]!["Referral"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Each_link_workers_open_case_count_follows_every_open_assignment_hand_over_and_close()
    {
        var busy = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-busy"));
        await busy.GetAsync("/api/cases?assignedTo=me");
        var first = await factory.OpenCaseAsync("SP-CW8A-B2CD", area: "LS1");
        await JoinRosterAsync();
        var second = await factory.OpenCaseAsync("SP-CW8E-F3GH", area: "LS1");
        var third = await factory.OpenCaseAsync("SP-CW8J-K4LM", area: "LS1");
        Assert.Equal([("lw-busy", 2), ("lw-north", 1)], await OpenCaseCountsAsync());

        await Manager().PostAsJsonAsync($"/api/cases/{third}/assign", new { assignedTo = "lw-north" });
        Assert.Equal([("lw-busy", 1), ("lw-north", 2)], await OpenCaseCountsAsync());
        await LinkWorker().PostAsJsonAsync($"/api/cases/{second}/steps", new { to = "Declined", reason = "Prefers to manage alone" });
        Assert.Equal([("lw-busy", 1), ("lw-north", 1)], await OpenCaseCountsAsync());

        // Every step, straight in the table: the trigger's closed steps are the service's.
        foreach (var step in Enum.GetValues<Model.CaseStep>())
        {
            await factory.SetStepAsync(first, step);
            var open = !Infrastructure.LinkWorkerRoster.ClosedSteps.Contains(step);
            Assert.Equal([("lw-busy", open ? 1 : 0), ("lw-north", 1)], await OpenCaseCountsAsync());
        }
    }

    /// <summary>Each link worker's kept count of open cases, checked against a count of their cases.</summary>
    private async Task<List<(string, int)>> OpenCaseCountsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            """
            SELECT w.user_id, w.open_cases, (SELECT count(*) FROM cases c WHERE c.assigned_to = w.user_id AND NOT (c.step = ANY(@closed)))::int
            FROM link_workers w ORDER BY w.user_id
            """, connection);
        command.Parameters.AddWithValue("closed", Infrastructure.LinkWorkerRoster.ClosedSteps.Select(s => s.ToString()).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        List<(string, int)> counts = [];
        while (await reader.ReadAsync())
        {
            Assert.Equal(reader.GetInt32(2), reader.GetInt32(1));
            counts.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return counts;
    }

    [Fact]
    public async Task Overdue_lists_cases_whose_person_was_not_reached_in_time_and_a_baseline_score_lets_the_case_move_on()
    {
        var late = await factory.OpenCaseAsync("SP-CW7A-B2CD", area: "LS1");
        var onTime = await factory.OpenCaseAsync("SP-CW7E-F3GH", area: "LS1");
        await factory.SetFirstContactDueAsync(late, DateTimeOffset.UtcNow.AddHours(-1));
        await LinkWorker().PostAsJsonAsync($"/api/cases/{onTime}/contacts", new { outcome = "reached" });

        var overdue = await LinkWorker().GetFromJsonAsync<JsonObject>("/api/cases?overdue=true");
        var notOverdue = await LinkWorker().GetFromJsonAsync<JsonObject>("/api/cases?overdue=false");

        Assert.Equal(["SP-CW7A-B2CD"], overdue!["items"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()));
        Assert.True(overdue["items"]![0]!["overdue"]!.GetValue<bool>());
        Assert.Equal(["SP-CW7E-F3GH"], notOverdue!["items"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()));

        await LinkWorker().PostAsJsonAsync($"/api/cases/{onTime}/steps", new { to = "AssessmentArranged" });
        var early = await LinkWorker().PostAsJsonAsync($"/api/cases/{onTime}/steps", new { to = "BaselineMetrics" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var recorded = new WellbeingRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), onTime, "swemwbs", "baseline", null, "faceToFace",
            DateOnly.FromDateTime(DateTime.UtcNow), 21.54m);
        await factory.Services.GetRequiredService<IBus>().Publish(recorded, ctx => ctx.MessageId = recorded.Id);
        await CaseFactory.Eventually(async () =>
            (await LinkWorker().PostAsJsonAsync($"/api/cases/{onTime}/steps", new { to = "BaselineMetrics" })).StatusCode == HttpStatusCode.OK);
    }

    /// <summary>The link worker calls once, joining the north team's roster; returns their user id.</summary>
    private async Task<string> JoinRosterAsync()
    {
        await LinkWorker().GetAsync("/api/cases?assignedTo=me");
        return "lw-north";
    }

    private async Task<string?> HolderAsync(Guid id) =>
        (await Manager().GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!["assignedTo"]?.GetValue<string>();

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"Expected an error for '{field}', got: {errors.ToJsonString()}");
    }

    private Task<HttpResponseMessage> Post(string url, string json) => LinkWorker().PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Tomorrow at 10:00 UTC: always in the future, never near midnight.</summary>
    private static DateTimeOffset NextMorning() => new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1), TimeSpan.Zero).AddHours(10);

    private HttpClient LinkWorker() => factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));

    private HttpClient Manager() => factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "manager-1"));
}
