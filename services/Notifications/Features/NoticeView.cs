using SocialPrescribing.Notifications.Model;
using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.Features;

/// <summary>
/// A message as staff see it: what it was, how, where it stands, and what it said (rendered from its template; the link
/// that stops the person's messages is not shown, so nobody but the person can use it). The address is never shown.
/// </summary>
public sealed record NoticeView(
    Guid Id,
    string Kind,
    string Title,
    string? Channel,
    string Status,
    string? Problem,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    int Attempts,
    Guid? CaseId,
    Guid? ReferralId,
    string? Subject,
    string? Body)
{
    public const string HiddenLink = "(the person's link to stop messages)";

    public static NoticeView Of(Notice notice, NoticeTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(templates);
        RenderedNotice? content = null;
        if (notice.Channel is { } channel)
        {
            var values = new Dictionary<string, string>(notice.Values);
            if (values.ContainsKey(NoticeTemplates.OptOutLink))
            {
                values[NoticeTemplates.OptOutLink] = HiddenLink;
            }

            content = templates.TryRender(notice.Kind, channel, notice.Language, values);
        }

        return new NoticeView(notice.Id, notice.Kind, templates.Titles.GetValueOrDefault(notice.Kind, notice.Kind), notice.Channel, notice.Status,
            notice.Problem, notice.CreatedAt, notice.DueAt, notice.SentAt, notice.DeliveredAt, notice.Attempts, notice.CaseId, notice.ReferralId,
            content?.Subject, content?.Body);
    }
}
