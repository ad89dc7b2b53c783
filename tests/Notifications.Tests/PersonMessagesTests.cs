using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.IntegrationEvents;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>Messages to the person behind a case: their questionnaire link, and a provider's yes — never which questionnaire or which service.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class PersonMessagesTests(NotificationsFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_questionnaire_link_goes_to_the_person_once_the_way_they_chose()
    {
        var caseId = await CaseAsync(new NoticeRecipient("Ada", null, "07700 900401", "text"));
        var link = new QuestionnaireLinkDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), caseId,
            "http://localhost:8080/wellbeing/complete/secret-token-401", DateTimeOffset.UtcNow.AddDays(7));

        await factory.PublishAsync(link);
        await factory.PublishAsync(link);

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("07700900401@sms.local")).Count == 2); // the acknowledgement, the link
        var texts = new List<string>();
        foreach (var mail in await factory.Mail.ToAsync("07700900401@sms.local"))
        {
            texts.Add(await factory.Mail.PlainTextAsync(mail.Id));
        }

        var text = Assert.Single(texts, t => t.Contains("/wellbeing/complete/secret-token-401", StringComparison.Ordinal));
        Assert.Contains("short questions", text, StringComparison.Ordinal);
        Assert.DoesNotContain("WEMWBS", text, StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.Notices.CountAsync(n => n.Kind == TellAboutQuestionnaire.Kind)));
    }

    [Fact]
    public async Task A_provider_s_yes_is_told_to_the_person_without_naming_the_service()
    {
        var caseId = await CaseAsync(new NoticeRecipient("Grace", "grace.yes@example.org", null, "email"));

        await factory.PublishAsync(new ProviderReferralAccepted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), caseId));

        await NotificationsFactory.Eventually(async () => (await factory.Mail.ToAsync("grace.yes@example.org")).Any(m => m.Subject == "Good news about your referral"));
        var mail = (await factory.Mail.ToAsync("grace.yes@example.org")).Single(m => m.Subject == "Good news about your referral");
        var body = await factory.Mail.PlainTextAsync(mail.Id);
        Assert.Contains("Dear Grace", body, StringComparison.Ordinal);
        Assert.Contains("/notifications/opt-out/", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_for_a_case_whose_person_is_unknown_is_kept_as_not_sent_with_the_reason()
    {
        var unknownCase = Guid.NewGuid();

        await factory.PublishAsync(new ProviderReferralAccepted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), unknownCase));

        var notice = await factory.QueryAsync(db => db.Notices.SingleAsync(n => n.CaseId == unknownCase));
        Assert.Equal(NoticeStatus.NotSent, notice.Status);
        Assert.Contains("not known", notice.Problem, StringComparison.Ordinal);
    }

    private async Task<Guid> CaseAsync(NoticeRecipient recipient)
    {
        var due = new ReferralAcknowledgementDue(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "SP-PERS-2345", recipient);
        await factory.PublishAsync(due);
        var opened = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), due.ReferralId, "SP-PERS-2345", false, "web", "self", ["loneliness"], "north");
        await factory.PublishAsync(opened);
        return opened.CaseId;
    }
}
