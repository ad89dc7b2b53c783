using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SocialPrescribing.Notifications.Model.Templates;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Infrastructure;

/// <summary>The sender said no for good (a bad address, no postal address): the message is undelivered, not tried again.</summary>
public sealed class NoticeRefusedException(string reason) : Exception(reason);

/// <summary>Hands a message to whatever delivers it for its channel.</summary>
public interface INoticeSender
{
    Task SendAsync(Notice notice, RenderedNotice message, CancellationToken cancellationToken);
}

/// <summary>
/// Email by SMTP (connection string <c>mail</c>, <c>smtp://host:port</c>; in development the AppHost's smtp4dev). Without
/// GOV.UK Notify, texts go the same way as an email to <c>&lt;number&gt;@sms.local</c>, so a developer reads them in
/// smtp4dev's page too. Letters need a postal address the suite does not hold yet: refused, so shown undelivered.
/// </summary>
public sealed class MailSender(Uri server, string from) : INoticeSender
{
    public const string TextDomain = "sms.local";

    public async Task SendAsync(Notice notice, RenderedNotice message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(message);
        var to = notice.Channel switch
        {
            NoticeChannels.Email => notice.Address,
            NoticeChannels.Text => $"{notice.Address}@{TextDomain}",
            _ => throw new NoticeRefusedException("no full postal address is held for a letter"),
        };
        if (string.IsNullOrWhiteSpace(to) || !MailboxAddress.TryParse(to, out var address))
        {
            throw new NoticeRefusedException("the address is not one mail can be sent to");
        }

        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(address);
        mail.Subject = message.Subject ?? "Text message";
        mail.Body = new TextPart("plain") { Text = message.Body };
        mail.Headers.Add("X-Notice-Id", notice.Id.ToString());

        using var client = new SmtpClient();
        await client.ConnectAsync(server.Host, server.Port > 0 ? server.Port : 25, SecureSocketOptions.None, cancellationToken);
        try
        {
            await client.SendAsync(mail, cancellationToken);
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted)
        {
            throw new NoticeRefusedException("the mail server refused the address");
        }
        finally
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
    }
}
