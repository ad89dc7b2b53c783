using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.IntegrationEvents;

internal static class CasePeople
{
    /// <summary>The person behind a case (through its referrals), or null when this service does not know them.</summary>
    public static async Task<Recipient?> RecipientOfCaseAsync(this NotificationsDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var referrals = await db.Cases.Where(c => c.Id == caseId).Select(c => c.ReferralIds).SingleOrDefaultAsync(cancellationToken) ?? [];
        var person = await db.ReferralPeople.Where(r => referrals.Contains(r.ReferralId)).Select(r => (Guid?)r.PersonId).FirstOrDefaultAsync(cancellationToken);
        return person is null ? null : await db.Recipients.SingleOrDefaultAsync(r => r.PersonId == person, cancellationToken);
    }

    /// <summary>
    /// A message to the person behind a case: to them the way they chose, or — when this service does not know them (a
    /// case from before it) — kept as not sent, with the reason, so the case shows it.
    /// </summary>
    public static async Task TellPersonAsync(
        this NotificationsDbContext db, Guid eventId, string kind, Guid caseId, Func<Recipient, Dictionary<string, string>> values, DateTimeOffset now,
        PublicBaseUrl publicUrl, CancellationToken cancellationToken)
    {
        var recipient = await db.RecipientOfCaseAsync(caseId, cancellationToken);
        if (recipient is null)
        {
            db.Notices.Add(Notice.Unreachable(eventId, kind, caseId, "the person's contact is not known to the Notifications service", now));
            return;
        }

        var filled = values(recipient);
        filled["name"] = recipient.GivenName;
        filled[Model.Templates.NoticeTemplates.OptOutLink] = Model.Templates.NoticeWords.Link(publicUrl.Link($"/notifications/opt-out/{recipient.OptOutToken}"), recipient.Language);
        db.Notices.Add(Notice.For(eventId, kind, recipient, filled, now, caseId: caseId));
    }
}

/// <summary>A questionnaire link was made for the person: it is sent to them (the link, until when; never which questionnaire).</summary>
public sealed class TellAboutQuestionnaire(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl, QuietHours quietHours)
    : InboxConsumer<QuestionnaireLinkDue, NotificationsDbContext>(db, time)
{
    public const string Kind = "questionnaire-link";

    protected override Task HandleAsync(ConsumeContext<QuestionnaireLinkDue> context, CancellationToken cancellationToken)
    {
        var due = context.Message;
        return Db.TellPersonAsync(due.Id, Kind, due.CaseId, recipient => new Dictionary<string, string>
        {
            ["link"] = Model.Templates.NoticeWords.Link(due.Url, recipient.Language),
            ["expires"] = Model.Templates.NoticeWords.Day(quietHours.Local(due.ExpiresAt), recipient.Language),
        }, Time.GetUtcNow(), publicUrl, cancellationToken);
    }
}

/// <summary>The person is asked how it went (their case closed, or a service finished with them): the link, until when.</summary>
public sealed class TellAboutFeedback(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl, QuietHours quietHours)
    : InboxConsumer<FeedbackLinkDue, NotificationsDbContext>(db, time)
{
    public const string Kind = "feedback-link";

    protected override Task HandleAsync(ConsumeContext<FeedbackLinkDue> context, CancellationToken cancellationToken)
    {
        var due = context.Message;
        return Db.TellPersonAsync(due.Id, Kind, due.CaseId, recipient => new Dictionary<string, string>
        {
            ["link"] = Model.Templates.NoticeWords.Link(due.Url, recipient.Language),
            ["expires"] = Model.Templates.NoticeWords.Day(quietHours.Local(due.ExpiresAt), recipient.Language),
        }, Time.GetUtcNow(), publicUrl, cancellationToken);
    }
}

/// <summary>A provider took the person on: they are told a service said yes (never which: its name could say why).</summary>
public sealed class TellAboutProviderAcceptance(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl)
    : InboxConsumer<ProviderReferralAccepted, NotificationsDbContext>(db, time)
{
    public const string Kind = "provider-accepted";

    protected override Task HandleAsync(ConsumeContext<ProviderReferralAccepted> context, CancellationToken cancellationToken) =>
        Db.TellPersonAsync(context.Message.Id, Kind, context.Message.CaseId, _ => [], Time.GetUtcNow(), publicUrl, cancellationToken);
}
