using Notify.Client;
using Notify.Exceptions;
using SocialPrescribing.Notifications.Model;
using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.Infrastructure;

/// <summary>
/// Texts and emails through GOV.UK Notify (its .NET client): the message's own template at Notify, filled with the same
/// values (a reference, a time, a place, a link); our message id is Notify's reference, so its delivery callbacks find it.
/// Notify refusing a message (400: not a mobile number, a bad address) is for good — undelivered; anything else (down,
/// rate-limited, a key problem) is tried again with back-off. Letters need a postal address the suite does not hold.
/// </summary>
public sealed class NotifySender(NotifySettings settings) : INoticeSender
{
    private readonly NotificationClient _client = new(settings.BaseUrl, settings.ApiKey);

    public async Task SendAsync(Notice notice, RenderedNotice message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var template = settings.TemplateFor(notice.Kind, notice.Channel ?? "", notice.Language);
        var values = notice.Values.ToDictionary(v => v.Key, v => (dynamic)v.Value);
        try
        {
            switch (notice.Channel)
            {
                case NoticeChannels.Text:
                    await _client.SendSmsAsync(notice.Address, template, values, notice.Id.ToString(), settings.SmsSenderId).WaitAsync(cancellationToken);
                    break;
                case NoticeChannels.Email:
                    await _client.SendEmailAsync(notice.Address, template, values, notice.Id.ToString(), null).WaitAsync(cancellationToken);
                    break;
                default:
                    throw new NoticeRefusedException("no full postal address is held for a letter");
            }
        }
        catch (NotifyClientException e) when (e.Message.Contains("Status code 400", StringComparison.Ordinal))
        {
            // Notify's wording names the field, never repeats the value; kept short for the case page.
            throw new NoticeRefusedException($"Notify refused it: {Reason(e.Message)}");
        }
    }

    /// <summary>"ValidationError: phone_number Not a UK mobile number" from Notify's error body.</summary>
    private static string Reason(string message)
    {
        var at = message.IndexOf("\"message\":", StringComparison.Ordinal);
        if (at < 0)
        {
            return "the number or address is not valid";
        }

        var start = message.IndexOf('"', at + 10) + 1;
        var end = message.IndexOf('"', start);
        return start > 0 && end > start ? message[start..Math.Min(end, start + 200)] : "the number or address is not valid";
    }
}
