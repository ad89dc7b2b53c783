using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>Provider organisations: told a referral is waiting and chased, by email to their referral contact, with a link and nothing about the person.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class ProviderTests(NotificationsFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_referral_contact_gets_a_link_to_the_inbox_once_and_a_chaser()
    {
        var waiting = new ProviderNoticeDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "referrals@garden-club.example.org", "waiting");

        await factory.PublishAsync(waiting);
        await factory.PublishAsync(waiting);
        await factory.PublishAsync(waiting with { Id = Guid.NewGuid(), Kind = "chaser" });

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("referrals@garden-club.example.org")).Count == 2);
        var mails = await factory.Mail.ToAsync("referrals@garden-club.example.org");
        var first = await factory.Mail.PlainTextAsync(mails.Single(m => m.Subject == "A new referral is waiting in your inbox").Id);
        var chaser = await factory.Mail.PlainTextAsync(mails.Single(m => m.Subject == "A referral is still waiting for your answer").Id);
        Assert.Contains("http://localhost:8080/provider", first, StringComparison.Ordinal);
        Assert.Contains("has waited 7 days", chaser, StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Equal(2, (await factory.Mail.ToAsync("referrals@garden-club.example.org")).Count);
    }

    [Fact]
    public async Task An_organisation_without_a_referral_contact_gets_nothing_and_the_reason_is_kept()
    {
        var waiting = new ProviderNoticeDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), null, "waiting");

        await factory.PublishAsync(waiting);

        var notice = await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.SourceEventId == waiting.Id));
        Assert.Equal((NoticeStatus.NotSent, "the organisation has no referral contact email in the directory"), (notice.Status, notice.Problem));
    }

    [Fact]
    public async Task A_stale_listing_s_provider_is_asked_to_confirm_it_through_its_one_time_link()
    {
        var due = new ListingConfirmationDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "Walking Football", Guid.NewGuid(),
            "listings@walking-football.example.org", "http://localhost:8080/directory/confirm/one-time-secret", DateTimeOffset.UtcNow.AddDays(30));

        await factory.PublishAsync(due);
        await factory.PublishAsync(due);

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("listings@walking-football.example.org")).Count == 1);
        var mail = Assert.Single(await factory.Mail.ToAsync("listings@walking-football.example.org"));
        Assert.Equal("Are your details still right? Walking Football", mail.Subject);
        Assert.Contains("http://localhost:8080/directory/confirm/one-time-secret", await factory.Mail.PlainTextAsync(mail.Id), StringComparison.Ordinal);
    }
}
