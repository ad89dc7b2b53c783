using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Features.OptOut;

/// <summary>
/// A person stops messages from the link every email and text carries (no account: the link's secret is the proof).
/// Their messages still due are not sent; safety-critical alerts to staff are not theirs and go on.
/// </summary>
public sealed class OptOutHandler(NotificationsDbContext db, TimeProvider time)
{
    /// <summary>Whether the link is one we sent (the person's first name is not shown: the link may have been passed on).</summary>
    public Task<bool> KnownAsync(string token, CancellationToken cancellationToken) =>
        db.Recipients.AnyAsync(r => r.OptOutToken == token, cancellationToken);

    /// <summary>Stops their messages; false when the link is not one we sent.</summary>
    public async Task<bool> OptOutAsync(string token, CancellationToken cancellationToken)
    {
        var recipient = await db.Recipients.SingleOrDefaultAsync(r => r.OptOutToken == token, cancellationToken);
        if (recipient is null)
        {
            return false;
        }

        await StopAsync(db, recipient, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>No more messages to the person (from the link, or STOP texted back): those still due are not sent.</summary>
    public static async Task StopAsync(NotificationsDbContext db, Recipient recipient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipient);
        recipient.OptOut(now);
        var waiting = await db.Notices.Where(n => n.PersonId == recipient.PersonId && n.Status == NoticeStatus.Pending).ToListAsync(cancellationToken);
        foreach (var notice in waiting)
        {
            notice.Drop(NoticeStatus.NotSent, Recipient.OptedOutReason);
        }
    }
}
