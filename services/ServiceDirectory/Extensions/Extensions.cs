using SocialPrescribing.Messaging;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<DirectoryDbContext>(ResourceNames.DirectoryDb);
        builder.AddMessaging<DirectoryDbContext>(ResourceNames.ServiceDirectory);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAccessPolicies();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<SocialPrescribing.OpenApi.AuthorizationOperationTransformer>());
    }
}
