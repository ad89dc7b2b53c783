using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.IntegrationEvents;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>Meetings: confirmed the way the person chose, reminded the day before (and by text two hours before), kept in step with moves and cancellations.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class MeetingTests(NotificationsFactory factory) : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_booked_meeting_is_confirmed_once_and_its_reminders_wait_in_the_database()
    {
        var (referral, _) = await KnownAsync(new NoticeRecipient("Ada", "ada.meet@example.org", "07700 900111", "email"));
        var booked = Meeting(referral, "booked", InDays(3, 10, 30), "faceToFace", "Central Library, room 2");

        await factory.PublishAsync(booked);
        await factory.PublishAsync(booked);

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("ada.meet@example.org")).Any(m => m.Subject == "Your meeting with your link worker"));
        var body = await factory.Mail.PlainTextAsync((await factory.Mail.ToAsync("ada.meet@example.org")).Single(m => m.Subject == "Your meeting with your link worker").Id);
        Assert.Contains("at 10:30, Central Library, room 2", body, StringComparison.Ordinal);
        var reminders = await factory.QueryAsync(db => db.Notices.Where(n => n.MeetingId == booked.MeetingId && n.Status == NoticeStatus.Pending).ToListAsync());
        var dayBefore = Assert.Single(reminders);
        Assert.Equal(TellAboutMeeting.DayBefore, dayBefore.Kind);
        Assert.Equal((10, 0), (TimeZoneInfo.ConvertTime(dayBefore.DueAt, London).Hour, TimeZoneInfo.ConvertTime(dayBefore.DueAt, London).Minute));
        Assert.Equal(booked.StartsAt.Date.AddDays(-1), TimeZoneInfo.ConvertTime(dayBefore.DueAt, London).Date);
        Assert.Single(await factory.Mail.ToAsync("ada.meet@example.org"), m => m.Subject == "Your meeting with your link worker");
    }

    [Fact]
    public async Task Moving_a_meeting_moves_its_reminders_and_cancelling_it_cancels_them()
    {
        var (referral, _) = await KnownAsync(new NoticeRecipient("Grace", null, "07700 900222", "text"));
        var booked = Meeting(referral, "booked", InDays(3, 9, 0), "phone", null);
        await factory.PublishAsync(booked);
        var first = await RemindersAsync(booked.MeetingId);

        var moved = booked with { Id = Guid.NewGuid(), Change = "moved", StartsAt = InDays(5, 14, 0) };
        await factory.PublishAsync(moved);
        var afterMove = await RemindersAsync(booked.MeetingId);

        var cancelled = moved with { Id = Guid.NewGuid(), Change = "cancelled" };
        await factory.PublishAsync(cancelled);
        var afterCancel = await RemindersAsync(booked.MeetingId);

        // A 09:00 meeting's two-hour text would be at 07:00: it goes at 20:30 the evening before instead.
        Assert.Equal(2, first.Count);
        var early = first.Single(n => n.Kind == TellAboutMeeting.TwoHoursBefore);
        Assert.Equal((20, 30), (TimeZoneInfo.ConvertTime(early.DueAt, London).Hour, TimeZoneInfo.ConvertTime(early.DueAt, London).Minute));
        Assert.Equal(2, afterMove.Count);
        Assert.All(afterMove, n => Assert.Equal(moved.Id, n.SourceEventId));
        Assert.Equal(12, TimeZoneInfo.ConvertTime(afterMove.Single(n => n.Kind == TellAboutMeeting.TwoHoursBefore).DueAt, London).Hour);
        Assert.Empty(afterCancel);
        var all = await factory.QueryAsync(db => db.Notices.Where(n => n.MeetingId == booked.MeetingId).ToListAsync());
        Assert.Equal(4, all.Count(n => n.Status == NoticeStatus.Cancelled));
        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("07700900222@sms.local")).Count == 4); // the acknowledgement, booked, moved, cancelled
        var texts = new List<string>();
        foreach (var mail in await factory.Mail.ToAsync("07700900222@sms.local"))
        {
            texts.Add(await factory.Mail.PlainTextAsync(mail.Id));
        }

        Assert.Contains(texts, t => t.StartsWith("Your meeting with your link worker on", StringComparison.Ordinal) && t.Contains("is cancelled", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Your meeting with your link worker has moved to", StringComparison.Ordinal) && t.Contains("by phone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_summer_meeting_s_reminders_are_kept_in_utc()
    {
        var (referral, _) = await KnownAsync(new NoticeRecipient("Ada", "ada.summer@example.org", null, "email"));
        var year = TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), London).Year + 1;
        var booked = Meeting(referral, "booked", new DateTimeOffset(year, 7, 1, 10, 0, 0, TimeSpan.FromHours(1)), "phone", null);

        await factory.PublishAsync(booked);

        var reminder = Assert.Single(await RemindersAsync(booked.MeetingId));
        Assert.Equal(new DateTimeOffset(year, 6, 30, 9, 0, 0, TimeSpan.Zero), reminder.DueAt); // 10:00 British Summer Time
    }

    [Fact]
    public async Task A_reminder_due_now_is_sent_by_the_dispatcher_as_any_message()
    {
        var (referral, _) = await KnownAsync(new NoticeRecipient("Mary", "mary.meet@example.org", null, "email"));
        var booked = Meeting(referral, "booked", InDays(2, 11, 0), "video", null);
        await factory.PublishAsync(booked);
        await NotificationsFactory.Eventually(async () => (await RemindersAsync(booked.MeetingId)).Count == 1);

        // The day before, at 10:00.
        factory.Clock.SetLondonTime(new TimeOnly(10, 0, 1), days: 1);

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("mary.meet@example.org")).Any(m => m.Subject == "Reminder: your meeting tomorrow"));
        // The dispatcher marks it sent when its batch commits, just after the mail server took it.
        await NotificationsFactory.Eventually(async () => (await RemindersAsync(booked.MeetingId)).Count == 0);
        Assert.Equal(NoticeStatus.Sent, (await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.MeetingId == booked.MeetingId && n.Kind == TellAboutMeeting.DayBefore))).Status);
    }

    /// <summary>A person Notifications knows (their referral acknowledged): their referral id and person id.</summary>
    private async Task<(Guid Referral, Guid Person)> KnownAsync(NoticeRecipient recipient)
    {
        var due = new ReferralAcknowledgementDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-MEET-2345", recipient);
        await factory.PublishAsync(due);
        return (due.ReferralId, due.PersonId);
    }

    private Task<List<Notice>> RemindersAsync(Guid meetingId) =>
        factory.QueryAsync(db => db.Notices
            .Where(n => n.MeetingId == meetingId && n.Status == NoticeStatus.Pending && (n.Kind == TellAboutMeeting.DayBefore || n.Kind == TellAboutMeeting.TwoHoursBefore))
            .ToListAsync());

    private static MeetingChanged Meeting(Guid referral, string change, DateTimeOffset startsAt, string mode, string? place) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [referral], Guid.NewGuid(), change, startsAt, 60, mode, place);

    /// <summary>A London wall-clock time <paramref name="days"/> after the test clock's today.</summary>
    private DateTimeOffset InDays(int days, int hour, int minute)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), London).DateTime);
        var local = today.AddDays(days).ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, London.GetUtcOffset(local));
    }
}
