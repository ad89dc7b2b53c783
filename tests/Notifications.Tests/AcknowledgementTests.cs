using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>A referral's acknowledgement: sent once, the way the person chose, with nothing clinical in it.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class AcknowledgementTests(NotificationsFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_person_who_chose_email_gets_the_reference_by_email_once_even_when_the_event_comes_twice()
    {
        var due = Due(new NoticeRecipient("Ada", "ada.ack@example.org", "07700 900123", "email"));

        await factory.PublishAsync(due);
        await factory.PublishAsync(due);

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("ada.ack@example.org")).Count == 1);
        var mail = Assert.Single(await factory.Mail.ToAsync("ada.ack@example.org"));
        Assert.Equal("We have your referral: SP-ACK1-2345", mail.Subject);
        var body = await factory.Mail.PlainTextAsync(mail.Id);
        Assert.Contains("Dear Ada", body, StringComparison.Ordinal);
        Assert.Contains("http://localhost:8080/referral-status", body, StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Single(await factory.Mail.ToAsync("ada.ack@example.org"));
        var notice = await factory.QueryAsync(db => db.Notices.SingleAsync());
        Assert.Equal((NoticeStatus.Sent, "email"), (notice.Status, notice.Channel));
    }

    [Fact]
    public async Task A_person_who_chose_text_gets_a_text_and_one_without_a_mobile_gets_nothing_with_the_reason_kept()
    {
        await factory.PublishAsync(Due(new NoticeRecipient("Grace", null, "+44 7700 900456", "text")));
        var landline = Due(new NoticeRecipient("Alan", null, "0113 496 0000", "phone"));
        await factory.PublishAsync(landline);

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("07700900456@sms.local")).Count == 1);
        var text = await factory.Mail.PlainTextAsync(Assert.Single(await factory.Mail.ToAsync("07700900456@sms.local")).Id);
        Assert.StartsWith("We have your social prescribing referral, reference SP-ACK1-2345.", text, StringComparison.Ordinal);
        var notSent = await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.SourceEventId == landline.Id));
        Assert.Equal(NoticeStatus.NotSent, notSent.Status);
        Assert.Equal("they prefer a phone call and gave no mobile number", notSent.Problem);
    }

    [Fact]
    public async Task A_text_due_at_night_waits_until_eight_in_the_morning_and_an_email_does_not()
    {
        factory.Clock.SetLondonTime(new TimeOnly(22, 30));
        var text = Due(new NoticeRecipient("Grace", null, "07700 900789", "text"));
        var email = Due(new NoticeRecipient("Grace", "grace.night@example.org", null, "email"));

        await factory.PublishAsync(text);
        await factory.PublishAsync(email);

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("grace.night@example.org")).Count == 1);
        var held = await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.SourceEventId == text.Id));
        Assert.Equal(NoticeStatus.Pending, held.Status);
        Assert.Equal(8, TimeZoneInfo.ConvertTime(held.DueAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).Hour);
        Assert.Empty(await factory.Mail.ToAsync("07700900789@sms.local"));

        factory.Clock.SetLondonTime(new TimeOnly(7, 59), days: 1);
        await Task.Delay(1000);
        Assert.Empty(await factory.Mail.ToAsync("07700900789@sms.local"));
        factory.Clock.SetLondonTime(new TimeOnly(8, 0), days: 1);
        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("07700900789@sms.local")).Count == 1);
    }

    [Fact]
    public async Task Nothing_clinical_is_in_the_message_only_the_reference_and_a_link()
    {
        await factory.PublishAsync(Due(new NoticeRecipient("Mary", "mary.ack@example.org", null, "email")));

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("mary.ack@example.org")).Count == 1);
        var body = await factory.Mail.PlainTextAsync((await factory.Mail.ToAsync("mary.ack@example.org"))[0].Id);
        // The words, not the links: a random opt-out token may spell "GP" by chance.
        var words = System.Text.RegularExpressions.Regex.Replace(body, @"https?://\S+", "");
        Assert.Contains("/notifications/opt-out/", body, StringComparison.Ordinal);
        foreach (var clinical in new[] { "loneliness", "money", "need", "score", "risk", "harm", "GP" })
        {
            Assert.DoesNotContain(clinical, words, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static ReferralAcknowledgementDue Due(NoticeRecipient recipient) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-ACK1-2345", recipient);
}
