using System.Text.Json.Serialization;
using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Persistence;
using SocialPrescribing.Notifications.Features;
using SocialPrescribing.Notifications.Features.SendNotices;
using SocialPrescribing.Notifications.Model.Templates;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.IntegrationEvents;

namespace SocialPrescribing.Notifications.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<NotificationsDbContext>(ResourceNames.NotificationsDb);
        builder.AddMessaging<NotificationsDbContext>(ResourceNames.Notifications, bus =>
        {
            bus.AddInboxConsumer<AcknowledgeReferral>();
            bus.AddInboxConsumer<TellAboutMeeting>();
            bus.AddInboxConsumer<TellProvider>();
            bus.AddInboxConsumer<TellProviderAboutListing>();
            bus.AddInboxConsumer<TellAboutQuestionnaire>();
            bus.AddInboxConsumer<TellAboutFeedback>();
            bus.AddInboxConsumer<TellAboutProviderAcceptance>();
            bus.AddInboxConsumer<AlertOnProviderDecline>();
            bus.AddInboxConsumer<AlertOnSafeguardingConcernRaised>();
            bus.AddInboxConsumer<AlertOnSafeguardingConcernOverdue>();
            bus.AddInboxConsumer<AlertOnSameDayReviewOverdue>();
            bus.AddInboxConsumer<KnowCaseOnCaseOpened>();
            bus.AddInboxConsumer<FollowCaseOnCaseAssigned>();
            bus.AddInboxConsumer<FollowCaseOnCaseStepChanged>();
            bus.AddInboxConsumer<FollowCaseOnCaseClosed>();
            bus.AddInboxConsumer<ContributeToSubjectAccess>();
            bus.AddInboxConsumer<EraseOnPersonErasureRequested>();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        // Links a person receives are built from the public address: checked at start-up.
        builder.Services.AddSingleton(SocialPrescribing.Http.PublicBaseUrl.From(builder.Configuration, builder.Environment));
        // Read and checked at start: a template that uses a placeholder its message does not have stops the service, naming it.
        var templates = NoticeTemplates.BuiltIn();
        builder.Services.AddSingleton(templates);
        builder.Services.AddSingleton(Sender(builder.Configuration, templates));
        // Read and checked at start: an unknown Contact:TimeZone stops the service.
        builder.Services.AddSingleton(SocialPrescribing.Notifications.Model.QuietHours.From(builder.Configuration));
        builder.Services.AddScoped<Features.OptOut.OptOutHandler>();
        builder.Services.AddScoped<Features.ManageMessages.ManageMessagesHandler>();
        builder.Services.AddHttpContextAccessor();
        SocialPrescribing.WebUI.SuiteLanguages.AddSuiteLanguages(builder.Services);
        builder.Services.AddRazorPages();
        builder.Services.AddSingleton<NoticeDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NoticeDispatcher>());
        builder.Services.AddSingleton<Features.StaffAlerts.UrgentCaseWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Features.StaffAlerts.UrgentCaseWatcher>());
        builder.Services.AddSingleton<Features.StaffAlerts.StaffRoster>();
        builder.AddSuiteAuthentication();
        builder.Services.AddAccessPolicies();
        builder.Services.AddAuditTrail<NotificationsDbContext>();
        builder.AddRetention<NotificationsDbContext>(Features.Retention.NotificationsRetention.Rules);
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
    }

    /// <summary>
    /// <c>Notifications:Sender</c>: <c>smtp</c> (the default: email by SMTP, texts as mail to &lt;number&gt;@sms.local, as in
    /// development) or <c>notify</c> (GOV.UK Notify for texts and emails; its settings checked now, see <see cref="NotifySettings"/>).
    /// </summary>
    private static INoticeSender Sender(IConfiguration configuration, NoticeTemplates templates) => configuration["Notifications:Sender"] switch
    {
        null or "" or "smtp" => new MailSender(MailServer(configuration),
            configuration["Notifications:FromAddress"] is { Length: > 0 } from ? from : "no-reply@socialprescribing.local"),
        "notify" => new NotifySender(NotifySettings.From(configuration, templates)),
        var other => throw new InvalidOperationException($"Notifications:Sender is '{other}': it must be smtp or notify."),
    };

    /// <summary>ConnectionStrings:mail, <c>smtp://host:port</c>: required (the AppHost gives smtp4dev's in development).</summary>
    private static Uri MailServer(IConfiguration configuration) =>
        configuration.GetConnectionString(ResourceNames.Mail) is { Length: > 0 } value && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "smtp"
            ? uri
            : throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.Mail} must be the mail server as smtp://host:port (start the suite through the AppHost, which runs smtp4dev in development).");
}
