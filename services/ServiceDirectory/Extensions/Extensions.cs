using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging;
using SocialPrescribing.ServiceDirectory.IntegrationEvents;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<DirectoryDbContext>(ResourceNames.DirectoryDb);
        builder.AddMessaging<DirectoryDbContext>(ResourceNames.ServiceDirectory, bus => bus.AddInboxConsumer<ReceiveProviderReferral>());

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<DirectoryOptions>(builder.Configuration.GetSection(DirectoryOptions.Section));
        builder.Services.AddSingleton<ProviderReferralTimer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProviderReferralTimer>());
        builder.AddSuiteAuthentication();
        builder.Services.AddAccessPolicies();
        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
    }
}
