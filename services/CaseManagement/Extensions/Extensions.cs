using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.IntegrationEvents;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;

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
            bus.AddInboxConsumer<WithdrawOnReferralWithdrawn>();
            bus.AddInboxConsumer<FollowProviderOnAccepted>();
            bus.AddInboxConsumer<FollowProviderOnDeclined>();
            bus.AddInboxConsumer<FollowProviderOnExpired>();
            bus.AddInboxConsumer<FollowProviderOnCompleted>();
            bus.AddInboxConsumer<RecordScoreOnWellbeingRecorded>();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<TeamAreas>(builder.Configuration.GetSection(TeamAreas.Section));
        builder.Services.Configure<ContactTargets>(builder.Configuration.GetSection(ContactTargets.Section));
        builder.Services.AddSingleton<LinkWorkerRoster>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ForwardUserToken>();
        AddSuiteClient<IntakeClient>(builder, ResourceNames.ReferralIntake);
        AddSuiteClient<DirectoryClient>(builder, ResourceNames.ServiceDirectory);
        AddSuiteClient<WellbeingClient>(builder, ResourceNames.WellbeingMetrics);
        builder.AddSuiteAuthentication();
        builder.Services.AddAccessPolicies();
        builder.Services.AddAuditTrail<CaseDbContext>();
        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
    }

    /// <summary>
    /// A client of another service of the suite, found by service discovery, carrying the signed-in
    /// person's token. A screen waits a few seconds at most for it (one quick retry), then says the
    /// service did not answer instead of hanging.
    /// </summary>
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers replaces the suite's default handler (3 slow retries): a person is waiting on the screen.
    private static void AddSuiteClient<TClient>(IHostApplicationBuilder builder, string service)
        where TClient : class =>
        builder.Services.AddHttpClient<TClient>(client => client.BaseAddress = new Uri($"https+http://{service}"))
            .AddHttpMessageHandler<ForwardUserToken>()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.MaxRetryAttempts = 1;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(4);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
            });
#pragma warning restore EXTEXP0001
}
