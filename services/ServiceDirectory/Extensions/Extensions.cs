using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Persistence;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.IntegrationEvents;

namespace SocialPrescribing.ServiceDirectory.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Searches are prepared like every statement, but each is planned for its own values: the best
        // plan for a word matching five services or five thousand, or a 5 km or 50 km box, differs,
        // and the one-size plan PostgreSQL may switch a prepared statement to after five runs made
        // searches half as fast again (docs/benchmarks.md).
        builder.AddServiceDbContext<DirectoryDbContext>(
            ResourceNames.DirectoryDb, connection: settings => settings.Options = "-c plan_cache_mode=force_custom_plan");
        builder.AddMessaging<DirectoryDbContext>(ResourceNames.ServiceDirectory, bus =>
        {
            bus.AddInboxConsumer<ReceiveProviderReferral>();
            bus.AddInboxConsumer<WithdrawProviderReferral>();
            bus.AddInboxConsumer<FollowPersonDetailsChanged>();
            bus.AddInboxConsumer<ContributeToSubjectAccess>();
            bus.AddInboxConsumer<EraseOnPersonErasureRequested>();
        });

        SocialPrescribing.WebUI.SuiteLanguages.AddSuiteLanguages(builder.Services);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<DirectoryOptions>(builder.Configuration.GetSection(DirectoryOptions.Section));
        // Links a provider receives are built from the public address: checked at start-up.
        builder.Services.AddSingleton(SocialPrescribing.Http.PublicBaseUrl.From(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<Features.ConfirmListing.StaleListingTimer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Features.ConfirmListing.StaleListingTimer>());
        builder.Services.AddScoped<Features.ConfirmListing.ConfirmListingHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ProviderReferralTimer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProviderReferralTimer>());
        builder.AddSuiteAuthentication();
        builder.Services.AddAccessPolicies();
        builder.Services.AddAuditTrail<DirectoryDbContext>();
        // The schedule is read (and checked) at start: a wrong Retention:* setting stops the service, naming it.
        builder.AddRetention<DirectoryDbContext>(Features.Retention.DirectoryRetention.Rules);
        // A provider changes their own service's details on the admin form, with its checks, at an address of their own.
        builder.Services.AddRazorPages(o => o.Conventions.AddPageRoute("/Admin/Service", "provider/services/{id:guid}/details"));
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
    }
}
