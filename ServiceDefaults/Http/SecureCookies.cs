using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SocialPrescribing.Http;

/// <summary>
/// Outside Development every cookie any part of the suite sets is <c>Secure</c> (and HTTP-only unless it
/// says otherwise): the staff session, sign-in, anti-forgery and one-off message cookies alike. The
/// cookie policy sits first in the pipeline, so no cookie is written past it, whichever component
/// writes it. People reach the suite over https only (TLS ends in front of the gateway; services are
/// reached from the gateway inside the cluster).
/// </summary>
internal sealed class SecureCookies : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseCookiePolicy(new CookiePolicyOptions
        {
            Secure = CookieSecurePolicy.Always,
            HttpOnly = HttpOnlyPolicy.None,
            MinimumSameSitePolicy = SameSiteMode.Lax,
        });
        next(app);
    };
}
