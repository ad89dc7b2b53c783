using System.Text.RegularExpressions;
using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>Messages to a person who chose Welsh are in Welsh: words, dates, where, and links that open Welsh pages.</summary>
[Collection(NotificationsCollection.Name)]
public sealed partial class WelshMessagesTests(NotificationsFactory factory) : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_welsh_speaker_gets_the_acknowledgement_and_the_meeting_in_welsh()
    {
        var due = new ReferralAcknowledgementDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-CYMR-2345",
            new NoticeRecipient("Siân", "sian.cy@example.org", "07700 900222", "email", "cy"));
        await factory.PublishAsync(due);

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("sian.cy@example.org")).Count == 1);
        var ack = Assert.Single(await factory.Mail.ToAsync("sian.cy@example.org"));
        Assert.Equal("Mae eich atgyfeiriad gennym: SP-CYMR-2345", ack.Subject);
        var body = await factory.Mail.PlainTextAsync(ack.Id);
        Assert.Contains("Annwyl Siân", body, StringComparison.Ordinal);
        Assert.Contains("http://localhost:8080/referral-status?lang=cy", body, StringComparison.Ordinal);
        Assert.Matches(@"/notifications/opt-out/[A-Za-z0-9_-]+\?lang=cy", body);
        Assert.DoesNotContain("Dear", body, StringComparison.Ordinal);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), London).DateTime).AddDays(3).ToDateTime(new TimeOnly(10, 30));
        var startsAt = new DateTimeOffset(today, London.GetUtcOffset(today));
        await factory.PublishAsync(new MeetingChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [due.ReferralId], Guid.NewGuid(), "booked", startsAt, 60, "phone", null));

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("sian.cy@example.org")).Count == 2);
        var meeting = (await factory.Mail.ToAsync("sian.cy@example.org")).Single(m => m.Subject == "Eich cyfarfod gyda'ch gweithiwr cyswllt");
        var words = await factory.Mail.PlainTextAsync(meeting.Id);
        Assert.Matches(WelshMeetingTime(), words);
        Assert.Contains("dros y ffôn: bydd eich gweithiwr cyswllt yn eich ffonio", words, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_message_to_the_person_has_welsh_for_every_channel_and_staff_messages_stay_english()
    {
        var templates = NoticeTemplates.BuiltIn();
        var english = templates.All.Where(t => t.Language == "en").ToList();
        var toPeople = english.Where(t => templates.Placeholders[t.Kind].Contains(NoticeTemplates.OptOutLink)).ToList();

        Assert.NotEmpty(toPeople);
        Assert.All(toPeople, t => Assert.Contains((t.Kind, t.Channel, "cy"), templates.All));
        Assert.All(templates.All.Where(t => t.Language == "cy"), t => Assert.Contains(t.Kind, toPeople.Select(p => p.Kind)));
        // The Welsh is not the English copied: each Welsh message differs from its English one.
        var values = new Dictionary<string, string>
        {
            ["name"] = "Siân", ["reference"] = "SP-2345-6789", ["status_link"] = "l", ["opt_out_link"] = "o", ["when"] = "w", ["where"] = "p", ["link"] = "k", ["expires"] = "e",
        };
        Assert.All(toPeople, t => Assert.NotEqual(templates.Render(t.Kind, t.Channel, "en", values).Body, templates.Render(t.Kind, t.Channel, "cy", values).Body));
    }

    [Fact]
    public void A_message_to_the_person_without_welsh_stops_the_service_naming_it()
    {
        const string json = """{"k":{"title":"K","placeholders":["opt_out_link"],"languages":{"en":{"email":{"subject":"Hi","body":"x ((opt_out_link))"},"text":{"body":"x ((opt_out_link))"},"letter":{"subject":"s","body":"b"}},"cy":{"email":{"subject":"Helo","body":"y ((opt_out_link))"},"letter":{"subject":"s","body":"c"}}}}}""";

        var failure = Assert.Throws<InvalidOperationException>(() => NoticeTemplates.Parse(json));

        Assert.Contains("k/cy/text is missing", failure.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"gweithiwr cyswllt: [Dd]ydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul) \d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) am 10:30")]
    private static partial Regex WelshMeetingTime();
}
