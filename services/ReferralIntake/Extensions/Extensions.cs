using System.Text.Json.Serialization;
using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Persistence;
using SocialPrescribing.ReferralIntake.Features;
using SocialPrescribing.ReferralIntake.Features.CheckReferralStatus;
using SocialPrescribing.ReferralIntake.Features.PersonAccessLog;
using SocialPrescribing.ReferralIntake.Features.SubmitReferral;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.IntegrationEvents;

namespace SocialPrescribing.ReferralIntake.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<ReferralDbContext>(ResourceNames.ReferralDb);
        builder.AddMessaging<ReferralDbContext>(ResourceNames.ReferralIntake, bus =>
        {
            bus.AddInboxConsumer<FollowCaseOnCaseOpened>();
            bus.AddInboxConsumer<FollowCaseOnCaseAssigned>();
            bus.AddInboxConsumer<FollowCaseOnCaseStepChanged>();
            bus.AddInboxConsumer<FollowCaseOnCaseClosed>();
            bus.AddInboxConsumer<CollectSubjectAccessPart>();
            bus.AddInboxConsumer<EraseOnPersonErasureRequested>();
            bus.AddInboxConsumer<CollectErasureConfirmation>();
            bus.AddInboxConsumer<Features.SendGpSummary.TakeGpSummary>();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<SubmitReferralHandler>();
        builder.Services.AddScoped<CheckReferralStatusHandler>();
        builder.Services.AddScoped<Features.SearchPeople.SearchPeopleHandler>();
        builder.Services.AddScoped<Features.ReadPerson.ReadPersonHandler>();
        builder.Services.AddScoped<Features.MergePeople.MergePeopleHandler>();
        builder.Services.AddScoped<Features.CorrectPerson.CorrectPersonHandler>();
        builder.Services.AddScoped<Features.SubjectAccess.SubjectAccessHandler>();
        builder.Services.AddScoped<Features.ErasePerson.ErasePersonHandler>();
        builder.Services.AddScoped<Features.RestrictPerson.RestrictPersonHandler>();
        // Read (and checked) at start: a wrong setting stops the service, naming it.
        builder.Services.AddSingleton(ErasureSettings.From(builder.Configuration));
        builder.Services.Configure<Features.SendGpSummary.GpSystems>(builder.Configuration.GetSection(Features.SendGpSummary.GpSystems.Section));
        // The dispatcher retries on its own schedule (minutes to hours, recorded and reported): no quick retries inside an attempt.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental
        builder.Services.AddHttpClient(Features.SendGpSummary.GpSummaryDispatcher.Client).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<Features.SendGpSummary.GpSummaryDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Features.SendGpSummary.GpSummaryDispatcher>());
        builder.Services.AddSingleton<IdempotencyRecordPruner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyRecordPruner>());
        builder.AddSuiteAuthentication();
        builder.Services.AddAccessPolicies();
        builder.Services.AddAuditTrail<ReferralDbContext>();
        // The schedule is read (and checked) at start: a wrong Retention:* setting stops the service, naming it.
        builder.AddRetention<ReferralDbContext>(Features.Retention.IntakeRetention.Rules);
        builder.Services.AddAccessLogClients();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
        builder.Services.AddRazorPages();
        SocialPrescribing.WebUI.SuiteLanguages.AddSuiteLanguages(builder.Services);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
    }
}
