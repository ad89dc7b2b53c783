using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.IntegrationEvents;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;
using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>
/// GOV.UK Notify: its callbacks (the bearer token checked; delivery receipts on the message; STOP texted back), the
/// sender (through Notify's own .NET client), and its settings checked at start.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class NotifyTests(NotificationsFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-callback-token")]
    [InlineData("not-even-bearer")]
    public async Task A_callback_without_the_bearer_token_is_refused_and_changes_nothing(string? authorization)
    {
        var notice = await SentAcknowledgementAsync("07700 900301", "text");
        using var client = factory.CreateClient();
        using var receipt = new HttpRequestMessage(HttpMethod.Post, "/api/notifications/callbacks/delivery")
        {
            Content = JsonContent.Create(new { id = Guid.NewGuid(), reference = notice.Id.ToString(), status = "delivered", notification_type = "sms" }),
        };
        using var stop = new HttpRequestMessage(HttpMethod.Post, "/api/notifications/callbacks/received-text")
        {
            Content = JsonContent.Create(new { id = Guid.NewGuid(), source_number = "447700900301", content = "STOP" }),
        };
        if (authorization is not null)
        {
            receipt.Headers.TryAddWithoutValidation("Authorization", authorization);
            stop.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var receiptAnswer = await client.SendAsync(receipt);
        var stopAnswer = await client.SendAsync(stop);

        Assert.Equal(HttpStatusCode.Unauthorized, receiptAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stopAnswer.StatusCode);
        Assert.Equal("application/problem+json", receiptAnswer.Content.Headers.ContentType?.MediaType);
        var after = await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.Id == notice.Id));
        Assert.Equal(NoticeStatus.Sent, after.Status);
        Assert.Null(await factory.QueryAsync(db => db.Recipients.Select(r => r.OptedOutAt).SingleAsync()));
    }

    [Fact]
    public async Task Delivery_receipts_mark_a_message_delivered_or_undelivered()
    {
        var delivered = await SentAcknowledgementAsync("07700 900302", "text");
        var bounced = await SentAcknowledgementAsync("07700 900303", "text");
        using var notify = NotifyClient();

        var first = await notify.PostAsJsonAsync("/api/notifications/callbacks/delivery", new
        {
            id = Guid.NewGuid(), reference = delivered.Id.ToString(), to = "07700900302", status = "delivered",
            created_at = "2026-12-04T10:00:00.000000Z", completed_at = "2026-12-04T10:01:00.000000Z", sent_at = "2026-12-04T10:00:05.000000Z", notification_type = "sms",
        });
        var second = await notify.PostAsJsonAsync("/api/notifications/callbacks/delivery", new
        {
            id = Guid.NewGuid(), reference = bounced.Id.ToString(), to = "07700900303", status = "permanent-failure", notification_type = "sms",
        });
        var unknown = await notify.PostAsJsonAsync("/api/notifications/callbacks/delivery", new { id = Guid.NewGuid(), reference = "someone-else", status = "delivered" });
        var empty = await notify.PostAsJsonAsync("/api/notifications/callbacks/delivery", new { id = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var nowDelivered = await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.Id == delivered.Id));
        var nowBounced = await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.Id == bounced.Id));
        Assert.Equal(NoticeStatus.Delivered, nowDelivered.Status);
        Assert.Equal(DateTimeOffset.Parse("2026-12-04T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture), nowDelivered.DeliveredAt);
        Assert.Equal(NoticeStatus.Undelivered, nowBounced.Status);
        Assert.Contains("does not exist", nowBounced.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task STOP_texted_back_stops_that_number_s_messages_and_its_reminders()
    {
        var notice = await SentAcknowledgementAsync("+44 7700 900304", "text");
        var meeting = new MeetingChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [notice.ReferralId!.Value], Guid.NewGuid(), "booked",
            DateTimeOffset.UtcNow.AddDays(5), 60, "phone", null);
        await factory.PublishAsync(meeting);
        using var notify = NotifyClient();

        var answer = await notify.PostAsJsonAsync("/api/notifications/callbacks/received-text", new
        {
            id = Guid.NewGuid(), source_number = "447700900304", destination_number = "07700900000", content = "Stop", date_received = "2026-12-04T10:00:00.000000Z",
        });

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.NotNull(await factory.QueryAsync(db => db.Recipients.Select(r => r.OptedOutAt).SingleAsync()));
        var reminders = await factory.QueryAsync(db => db.Notices.Where(n => n.MeetingId == meeting.MeetingId && n.Kind != "meeting-booked").ToListAsync());
        Assert.NotEmpty(reminders);
        Assert.All(reminders, r => Assert.Equal(NoticeStatus.NotSent, r.Status));
    }

    [Fact]
    public async Task The_notify_sender_sends_through_notify_with_the_message_s_template_and_id_and_a_refusal_is_undelivered()
    {
        await using var notify = await StandInNotify.StartAsync();
        var templates = NoticeTemplates.BuiltIn();
        var settings = NotifySettings.From(NotifyConfiguration(templates, notify.BaseUrl), templates);
        var sender = new NotifySender(settings);
        var recipient = Recipient.From(Guid.NewGuid(), new NoticeRecipient("Ada", null, "07700 900305", "text"), DateTimeOffset.UtcNow);
        var values = new Dictionary<string, string> { ["name"] = "Ada", ["reference"] = "SP-NTFY-2345", ["status_link"] = "https://x/s", ["opt_out_link"] = "https://x/o" };
        var notice = Notice.For(Guid.NewGuid(), AcknowledgeReferral.Kind, recipient, values, DateTimeOffset.UtcNow);
        var badNumber = Notice.For(Guid.NewGuid(), AcknowledgeReferral.Kind,
            Recipient.From(Guid.NewGuid(), new NoticeRecipient("Bo", null, StandInNotify.RefusedNumber, "text"), DateTimeOffset.UtcNow), values, DateTimeOffset.UtcNow);

        await sender.SendAsync(notice, templates.Render(notice.Kind, "text", "en", values), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<NoticeRefusedException>(() => sender.SendAsync(badNumber, templates.Render(notice.Kind, "text", "en", values), CancellationToken.None));

        var sent = Assert.Single(notify.Received, r => r.Path == "/v2/notifications/sms" && r.Body["phone_number"]!.GetValue<string>() == "07700900305");
        Assert.Equal(settings.TemplateFor(AcknowledgeReferral.Kind, "text", "en"), sent.Body["template_id"]!.GetValue<string>());
        Assert.Equal(notice.Id.ToString(), sent.Body["reference"]!.GetValue<string>());
        Assert.Equal("SP-NTFY-2345", sent.Body["personalisation"]!["reference"]!.GetValue<string>());
        Assert.StartsWith("Bearer ey", sent.Authorization, StringComparison.Ordinal); // Notify's client signs a JWT with the key
        Assert.Contains("Not a UK mobile number", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(StandInNotify.RefusedNumber, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Notify:Templates:referral-acknowledgement:text:en", null, "Notify:Templates:referral-acknowledgement:text:en is missing")]
    [InlineData("Notify:Templates:referral-acknowledgement:text:en", "not-an-id", "'not-an-id' is not a Notify template id")]
    [InlineData("Notify:Templates:birthday-card:email:en", "5c4e6a7e-4f3c-4f8a-9d7e-2b1a0c9e8f70", "there is no message 'birthday-card'")]
    [InlineData("Notify:ApiKey", "short", "Notify:ApiKey must be a GOV.UK Notify API key")]
    [InlineData("Notify:CallbackToken", null, "Notify:CallbackToken must be set")]
    public void Notify_settings_are_checked_at_start_naming_what_is_wrong(string key, string? value, string problem)
    {
        var templates = NoticeTemplates.BuiltIn();
        var settings = NotifyConfiguration(templates, "http://localhost:1");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.AsEnumerable().Where(s => s.Key != key).Append(new(key, value)))
            .Build();

        var failure = Assert.Throws<InvalidOperationException>(() => NotifySettings.From(configuration, templates));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Settings naming a Notify template for every email and text there is.</summary>
    private static IConfiguration NotifyConfiguration(NoticeTemplates templates, string baseUrl) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Notify:ApiKey"] = $"test_key-{Guid.NewGuid()}-{Guid.NewGuid()}",
                ["Notify:BaseUrl"] = baseUrl,
                ["Notify:CallbackToken"] = NotificationsFactory.CallbackToken,
            }
            .Concat(templates.All.Where(t => t.Channel != "letter").Select(t => new KeyValuePair<string, string?>(
                $"Notify:Templates:{t.Kind}:{t.Channel}:{t.Language}", Guid.NewGuid().ToString()))))
            .Build();

    private HttpClient NotifyClient()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", NotificationsFactory.CallbackToken);
        return client;
    }

    /// <summary>A self-referral acknowledged by text (or email) and sent through smtp4dev: the message as the database holds it.</summary>
    private async Task<Notice> SentAcknowledgementAsync(string phone, string preferred)
    {
        var due = new ReferralAcknowledgementDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-CALL-2345",
            new NoticeRecipient("Ada", null, phone, preferred));
        await factory.PublishAsync(due);
        await NotificationsFactory.Eventually(async () => await factory.QueryAsync(db => db.Notices.AnyAsync(n => n.SourceEventId == due.Id && n.Status == NoticeStatus.Sent)));
        return await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.SourceEventId == due.Id));
    }
}

/// <summary>
/// A stand-in for GOV.UK Notify's API on this machine (Notify itself is not reachable from here): it answers the two routes
/// the sender uses as Notify documents them, keeps what it was sent, and refuses one number as Notify refuses a bad one.
/// </summary>
internal sealed class StandInNotify : IAsyncDisposable
{
    public const string RefusedNumber = "07700900999";

    private readonly WebApplication _app;

    private StandInNotify(WebApplication app) => _app = app;

    public ConcurrentBag<(string Path, string Authorization, JsonObject Body)> Received { get; } = [];

    public string BaseUrl => _app.Urls.First();

    public static async Task<StandInNotify> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var notify = new StandInNotify(app);
        app.MapPost("/v2/notifications/{type}", async (string type, HttpRequest request) =>
        {
            var body = (await request.ReadFromJsonAsync<JsonObject>())!;
            notify.Received.Add((request.Path, request.Headers.Authorization.ToString(), body));
            if (body["phone_number"]?.GetValue<string>() == RefusedNumber)
            {
                return Results.Json(new { status_code = 400, errors = new[] { new { error = "ValidationError", message = "phone_number Not a UK mobile number" } } }, statusCode: 400);
            }

            var id = Guid.NewGuid();
            return Results.Json(new
            {
                id,
                reference = body["reference"]?.GetValue<string>(),
                content = new { body = "…", from_number = "GOVUK", subject = type == "email" ? "…" : null, from_email = type == "email" ? "x@notify" : null },
                uri = $"https://api.notifications.service.gov.uk/v2/notifications/{id}",
                template = new { id = body["template_id"]!.GetValue<string>(), version = 1, uri = "https://api.notifications.service.gov.uk/v2/template/x" },
            }, statusCode: 201);
        });
        await app.StartAsync();
        return notify;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
