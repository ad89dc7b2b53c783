using System.Net;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>The rules that protect people: every message offers a way to stop them, and stopping works at once.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class ProtectionTests(NotificationsFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_link_in_a_message_stops_every_message_after_it_once_the_person_confirms()
    {
        var first = Due("opt.out@example.org");
        await factory.PublishAsync(first);
        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("opt.out@example.org")).Count == 1);
        var body = await factory.Mail.PlainTextAsync((await factory.Mail.ToAsync("opt.out@example.org"))[0].Id);
        var link = new Uri(body.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/notifications/opt-out/", StringComparison.Ordinal))
            .Split(' ').Single(w => w.StartsWith("http", StringComparison.Ordinal)));
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var asked = await browser.GetAsync(link.PathAndQuery);
        var stillIn = await factory.QueryAsync(db => db.Recipients.SingleAsync());
        var token = FormFields.AntiforgeryToken(await asked.Content.ReadAsStringAsync());
        var stopped = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var unknown = await browser.GetAsync("/notifications/opt-out/not-a-token-we-sent");
        var second = first with { Id = Guid.NewGuid(), ReferralId = Guid.NewGuid(), Reference = "SP-ACK2-2345" };
        await factory.PublishAsync(second);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Null(stillIn.OptedOutAt); // opening the link alone (a mail program's preview) stops nothing
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Contains("You will get no more messages", await stopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var notice = await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.SourceEventId == second.Id));
        Assert.Equal((NoticeStatus.NotSent, Recipient.OptedOutReason), (notice.Status, notice.Problem));
        await Task.Delay(1000);
        Assert.Single(await factory.Mail.ToAsync("opt.out@example.org"));
    }

    private static ReferralAcknowledgementDue Due(string email) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-ACK1-2345", new NoticeRecipient("Ada", email, null, "email"));
}
