using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;
using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.IntegrationEvents;

/// <summary>
/// A meeting was booked, moved or cancelled: the person is told, the way they chose, and their reminders follow — one the
/// day before (10:00) and, for people who chose texts, a text two hours before (earlier when that would be at night).
/// A move or a cancellation cancels the reminders still due; a moved meeting gets new ones.
/// </summary>
public sealed class TellAboutMeeting(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl, QuietHours quietHours)
    : InboxConsumer<MeetingChanged, NotificationsDbContext>(db, time)
{
    public const string DayBefore = "meeting-reminder";
    public const string TwoHoursBefore = "meeting-reminder-text";

    protected override async Task HandleAsync(ConsumeContext<MeetingChanged> context, CancellationToken cancellationToken)
    {
        var meeting = context.Message;
        var now = Time.GetUtcNow();
        var referrals = meeting.ReferralIds.ToList();
        var person = await Db.ReferralPeople.Where(r => referrals.Contains(r.ReferralId)).Select(r => (Guid?)r.PersonId).FirstOrDefaultAsync(cancellationToken);
        var recipient = person is null ? null : await Db.Recipients.SingleOrDefaultAsync(r => r.PersonId == person, cancellationToken);
        if (recipient is null)
        {
            return; // a referral from before this service knew contacts: nobody to tell
        }

        foreach (var reminder in await Db.Notices
                     .Where(n => n.MeetingId == meeting.MeetingId && n.Status == NoticeStatus.Pending && (n.Kind == DayBefore || n.Kind == TwoHoursBefore))
                     .ToListAsync(cancellationToken))
        {
            reminder.Drop(NoticeStatus.Cancelled, $"the meeting was {meeting.Change}");
        }

        var values = new Dictionary<string, string>
        {
            ["name"] = recipient.GivenName,
            ["when"] = NoticeWords.When(quietHours.Local(meeting.StartsAt), recipient.Language),
            ["where"] = NoticeWords.Where(meeting.Mode, meeting.Place, recipient.Language),
            ["opt_out_link"] = NoticeWords.Link(publicUrl.Link($"/notifications/opt-out/{recipient.OptOutToken}"), recipient.Language),
        };
        Db.Notices.Add(Notice.For(meeting.Id, $"meeting-{meeting.Change}", recipient, values, now, caseId: meeting.CaseId, meetingId: meeting.MeetingId));
        if (meeting.Change == "cancelled")
        {
            return;
        }

        var startsLocal = quietHours.Local(meeting.StartsAt);
        var dayBefore = quietHours.At(DateOnly.FromDateTime(startsLocal.DateTime).AddDays(-1), new TimeOnly(10, 0));
        if (dayBefore > now)
        {
            Db.Notices.Add(Notice.For(meeting.Id, DayBefore, recipient, values, now, caseId: meeting.CaseId, dueAt: dayBefore, meetingId: meeting.MeetingId));
        }

        var twoHours = quietHours.LatestBefore(meeting.StartsAt.AddHours(-2));
        if (recipient.Destination().Channel == NoticeChannels.Text && twoHours > now)
        {
            Db.Notices.Add(Notice.For(meeting.Id, TwoHoursBefore, recipient, values, now, caseId: meeting.CaseId, dueAt: twoHours, meetingId: meeting.MeetingId));
        }
    }
}
