using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Notifications.Infrastructure;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>
/// The retention schedule in the Notifications service: a closed case's messages go eight years after closure (an open
/// case's stay); a referral that never became a case has its messages, and then its person's contact, removed after two years.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class RetentionTests(NotificationsFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private RetentionJob<NotificationsDbContext> Job => factory.Services.GetRequiredService<RetentionJob<NotificationsDbContext>>();

    [Fact]
    public async Task A_closed_case_s_messages_go_eight_years_after_closure_and_an_open_case_s_stay()
    {
        var (closedCase, closedReferral) = await CaseAsync("ada.closed@example.org");
        var (openCase, _) = await CaseAsync("ada.open@example.org");
        var closedAt = DateTimeOffset.UtcNow;
        await factory.PublishAsync(new CaseClosed(Guid.NewGuid(), closedAt, closedCase, [closedReferral], "Outcomes"));

        var dayBefore = await Job.RunOnceAsync(closedAt.AddYears(8).AddDays(-1), CancellationToken.None);
        var dayAfter = await Job.RunOnceAsync(closedAt.AddYears(8).AddDays(1), CancellationToken.None);

        Assert.Equal(0, dayBefore!.Removed["closed-cases"]);
        Assert.Equal(3, dayAfter!.Removed["closed-cases"]); // the acknowledgement, whose referral it was, the case
        Assert.Equal(["ada.open@example.org"], await factory.QueryAsync(db => db.Notices.Select(n => n.Address!).ToListAsync()));
        Assert.Equal([openCase], await factory.QueryAsync(db => db.Cases.Select(c => c.Id).ToListAsync()));
    }

    [Fact]
    public async Task A_referral_that_never_became_a_case_has_its_messages_and_contact_removed_after_two_years()
    {
        var due = new ReferralAcknowledgementDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-RETN-2345",
            new NoticeRecipient("Grace", "grace.gone@example.org", null, "email"));
        await factory.PublishAsync(due);

        var early = await Job.RunOnceAsync(DateTimeOffset.UtcNow.AddYears(2).AddDays(-1), CancellationToken.None);
        var due2 = await Job.RunOnceAsync(DateTimeOffset.UtcNow.AddYears(2).AddDays(1), CancellationToken.None);

        Assert.Equal(0, early!.Removed["unconverted-referrals"]);
        Assert.Equal(2, due2!.Removed["unconverted-referrals"]); // the acknowledgement, then the contact
        Assert.Equal(0, await factory.QueryAsync(db => db.Recipients.CountAsync()));
    }

    private async Task<(Guid Case, Guid Referral)> CaseAsync(string email)
    {
        var due = new ReferralAcknowledgementDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-RETN-2345",
            new NoticeRecipient("Ada", email, null, "email"));
        await factory.PublishAsync(due);
        var opened = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), due.ReferralId, "SP-RETN-2345", false, "web", "self", ["loneliness"], "north");
        await factory.PublishAsync(opened);
        return (opened.CaseId, due.ReferralId);
    }
}
