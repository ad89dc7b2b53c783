using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.IntegrationEvents;
using SocialPrescribing.Notifications.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>
/// Reminders are rows in the service's own database: one booked by a copy of the service that then stopped is sent, once,
/// at its time, by the next copy started on the same database (its own broker and mail server: nothing else carries it).
/// </summary>
public sealed class RestartTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public async Task A_reminder_waiting_when_the_service_stops_is_sent_by_the_next_one_at_its_time()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var meetingId = Guid.NewGuid();
        var first = new NotificationsFactory { SharedPostgres = postgres };
        await ((IAsyncLifetime)first).InitializeAsync();
        try
        {
            var due = new ReferralAcknowledgementDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-REST-2345",
                new NoticeRecipient("Ada", "ada.restart@example.org", null, "email"));
            await first.PublishAsync(due);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(first.Clock.GetUtcNow(), London).DateTime);
            var starts = today.AddDays(2).ToDateTime(new TimeOnly(11, 0));
            await first.PublishAsync(new MeetingChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [due.ReferralId], meetingId, "booked",
                new DateTimeOffset(starts, London.GetUtcOffset(starts)), 60, "phone", null));
            await NotificationsFactory.Eventually(async () =>
                await first.QueryAsync(db => db.Notices.AnyAsync(n => n.MeetingId == meetingId && n.Kind == TellAboutMeeting.DayBefore && n.Status == NoticeStatus.Pending)));
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }

        // The next copy starts the day before the meeting, just after 10:00.
        var second = new NotificationsFactory { SharedPostgres = postgres };
        second.Clock.SetLondonTime(new TimeOnly(10, 0, 1), days: 1);
        await ((IAsyncLifetime)second).InitializeAsync();
        try
        {
            await NotificationsFactory.Eventually(async () => (await second.Mail.ToAsync("ada.restart@example.org")).Any(m => m.Subject == "Reminder: your meeting tomorrow"));
            await NotificationsFactory.Eventually(async () =>
                await second.QueryAsync(db => db.Notices.AnyAsync(n => n.MeetingId == meetingId && n.Kind == TellAboutMeeting.DayBefore && n.Status == NoticeStatus.Sent)));
            Assert.Single(await second.Mail.ToAsync("ada.restart@example.org"), m => m.Subject == "Reminder: your meeting tomorrow");
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }
}
