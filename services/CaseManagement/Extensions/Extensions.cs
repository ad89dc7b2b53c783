using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.IntegrationEvents;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Persistence;

namespace SocialPrescribing.CaseManagement.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<CaseDbContext>(ResourceNames.CaseDb);
        builder.AddMessaging<CaseDbContext>(ResourceNames.CaseManagement, bus =>
        {
            bus.AddInboxConsumer<OpenCaseOnReferralSubmitted>();
            bus.AddInboxConsumer<FlagCaseOnReferralFlaggedUrgent>();
            bus.AddInboxConsumer<FollowConsentOnPersonDetailsChanged>();
            bus.AddInboxConsumer<ContributeToSubjectAccess>();
            bus.AddInboxConsumer<EraseOnPersonErasureRequested>();
            bus.AddInboxConsumer<WithdrawOnReferralWithdrawn>();
            bus.AddInboxConsumer<FollowProviderOnAccepted>();
            bus.AddInboxConsumer<FollowProviderOnDeclined>();
            bus.AddInboxConsumer<FollowProviderOnExpired>();
            bus.AddInboxConsumer<FollowProviderOnCompleted>();
            bus.AddInboxConsumer<FollowProviderOnWaitlisted>();
            bus.AddInboxConsumer<FollowProviderOnOffered>();
            bus.AddInboxConsumer<FollowWaitingListMoved>();
            bus.AddInboxConsumer<RecordScoreOnWellbeingRecorded>();
            bus.AddInboxConsumer<FollowGpDelivery>();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<TeamAreas>(builder.Configuration.GetSection(TeamAreas.Section));
        builder.Services.Configure<ContactTargets>(builder.Configuration.GetSection(ContactTargets.Section));
        builder.Services.AddSingleton<LinkWorkerRoster>();
        builder.Services.AddSingleton<Features.Safeguarding.SafetyDeadlineWatcher>();
        builder.Services.AddHostedService(s => s.GetRequiredService<Features.Safeguarding.SafetyDeadlineWatcher>());
        builder.Services.AddHttpContextAccessor();
        AddSuiteClient<IntakeClient>(builder, ResourceNames.ReferralIntake);
        AddSuiteClient<DirectoryClient>(builder, ResourceNames.ServiceDirectory);
        AddSuiteClient<WellbeingClient>(builder, ResourceNames.WellbeingMetrics);
        AddSuiteClient<NotificationsClient>(builder, ResourceNames.Notifications);
        builder.AddSuiteAuthentication();
        builder.Services.AddAccessPolicies();
        builder.Services.AddAuditTrail<CaseDbContext>();
        // The schedule is read (and checked) at start: a wrong Retention:* setting stops the service, naming it.
        builder.AddRetention<CaseDbContext>(Features.Retention.CaseRetention.Rules);
        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
    }

    /// <summary>A client of another service of the suite, found by service discovery (see <see cref="SuiteHttpClients.ForAPersonWaiting"/>).</summary>
    private static void AddSuiteClient<TClient>(IHostApplicationBuilder builder, string service)
        where TClient : class =>
        builder.Services.AddHttpClient<TClient>(client => client.BaseAddress = new Uri($"https+http://{service}")).ForAPersonWaiting();
}
