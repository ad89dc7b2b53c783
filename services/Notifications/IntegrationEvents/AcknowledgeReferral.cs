using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.IntegrationEvents;

/// <summary>
/// A referral was received: the person learns its reference (and where to check it), the way they chose. Their contact
/// is kept (or brought up to date) for the messages that follow.
/// </summary>
public sealed class AcknowledgeReferral(NotificationsDbContext db, TimeProvider time, PublicBaseUrl publicUrl)
    : InboxConsumer<ReferralAcknowledgementDue, NotificationsDbContext>(db, time)
{
    public const string Kind = "referral-acknowledgement";

    protected override async Task HandleAsync(ConsumeContext<ReferralAcknowledgementDue> context, CancellationToken cancellationToken)
    {
        var due = context.Message;
        var now = Time.GetUtcNow();
        // A person's referrals arrive on one queue at once (three in a minute): each waits for the one before it to
        // commit (a transaction-scoped advisory lock, across replicas too), so the second updates the contact the first
        // added instead of adding it again.
        var key = $"person:{due.PersonId}";
        await Db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        var recipient = await Db.Recipients.SingleOrDefaultAsync(r => r.PersonId == due.PersonId, cancellationToken);
        if (recipient is null)
        {
            recipient = Recipient.From(due.PersonId, due.Recipient, now);
            Db.Recipients.Add(recipient);
        }
        else
        {
            recipient.Update(due.Recipient, now);
        }

        if (!await Db.ReferralPeople.AnyAsync(r => r.ReferralId == due.ReferralId, cancellationToken))
        {
            Db.ReferralPeople.Add(new ReferralPerson(due.ReferralId, due.PersonId));
        }

        Db.Notices.Add(Notice.For(due.Id, Kind, recipient, new Dictionary<string, string>
        {
            ["name"] = recipient.GivenName,
            ["reference"] = due.Reference,
            ["status_link"] = Model.Templates.NoticeWords.Link(publicUrl.Link("/referral-status"), recipient.Language),
            ["opt_out_link"] = Model.Templates.NoticeWords.Link(publicUrl.Link($"/notifications/opt-out/{recipient.OptOutToken}"), recipient.Language),
        }, now, referralId: due.ReferralId));
    }
}
