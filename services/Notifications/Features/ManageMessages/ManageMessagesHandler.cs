using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;
using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.Features.ManageMessages;

/// <summary>
/// Messages that did not arrive — failed (every attempt failed: the sender was down) or undelivered (refused: a bad number,
/// a bounce, no address) — newest first, and sending one again (to the person's contact as it is now). Both audited.
/// </summary>
public sealed class ManageMessagesHandler(NotificationsDbContext db, NoticeTemplates templates, TimeProvider time, IHttpContextAccessor accessor)
{
    public static readonly IReadOnlyList<string> Unarrived = [NoticeStatus.Failed, NoticeStatus.Undelivered];

    public async Task<IReadOnlyList<NoticeView>> ListAsync(string? status, CancellationToken cancellationToken)
    {
        string[] statuses = status is null ? [.. Unarrived] : [status];
        var notices = await db.Notices.AsNoTracking().Where(n => statuses.Contains(n.Status))
            .OrderByDescending(n => n.CreatedAt).Take(200).ToListAsync(cancellationToken);
        db.Audit(accessor.HttpContext!, "read", "unarrived-notices", notices.Where(n => n.CaseId != null).Select(n => n.CaseId!.Value).Distinct(), time);
        await db.SaveChangesAsync(cancellationToken);
        return [.. notices.Select(n => NoticeView.Of(n, templates))];
    }

    /// <summary>The message, due again now; or the status code and reason it cannot be (404 unknown, 409 not failed or no contact).</summary>
    public async Task<(NoticeView? Notice, int Status, string? Problem)> ResendAsync(Guid id, CancellationToken cancellationToken)
    {
        var notice = await db.Notices.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return (null, StatusCodes.Status404NotFound, $"There is no message with id '{id}'.");
        }

        if (!Unarrived.Contains(notice.Status))
        {
            return (null, StatusCodes.Status409Conflict, $"This message is {notice.Status}: only a failed or undelivered message is sent again.");
        }

        var recipient = notice.PersonId is { } person ? await db.Recipients.SingleOrDefaultAsync(r => r.PersonId == person, cancellationToken) : null;
        if (notice.SendAgain(recipient, time.GetUtcNow()) is { } problem)
        {
            return (null, StatusCodes.Status409Conflict, problem);
        }

        db.Audit(accessor.HttpContext!, "resend", "notice", [notice.Id], time);
        await db.SaveChangesAsync(cancellationToken);
        return (NoticeView.Of(notice, templates), StatusCodes.Status200OK, null);
    }
}
