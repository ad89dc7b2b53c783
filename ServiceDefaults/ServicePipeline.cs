using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>The start-up every service repeats, in one place: each Program.cs adds only what is its own.</summary>
public static class ServicePipeline
{
    /// <summary>
    /// The request pipeline of a service, in this order: <paramref name="first"/> (what must see the request
    /// before anything else: forwarded headers, the NHS.UK frontend's asset paths), errors as RFC 7807
    /// problems and status pages, CORS where the service allows it, sign-in and authorisation,
    /// <paramref name="signedIn"/> (what needs the signed-in user), then the static assets, <c>/health</c>,
    /// <c>/alive</c> and the OpenAPI document. The service maps its own endpoints after this.
    /// </summary>
    public static WebApplication UseServicePipeline(
        this WebApplication app, Action<WebApplication>? first = null, Action<WebApplication>? signedIn = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        first?.Invoke(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Services.GetService<ICorsService>() is not null)
        {
            app.UseCors();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        signedIn?.Invoke(app);
        app.MapStaticAssets();
        app.MapDefaultEndpoints();
        app.MapOpenApi();
        return app;
    }
}
