using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Rewrite;

namespace SocialPrescribing.WebUI;

public static class WebUIExtensions
{
    /// <summary>Where the shared screens' static files are served (the Razor class library's path).</summary>
    public const string ContentRoot = "/_content/WebUI";

    /// <summary>
    /// Serves the NHS.UK frontend. Its stylesheet asks for <c>/assets/images/…</c>, so that path is
    /// rewritten to the library's copy. Call before routing.
    /// </summary>
    public static WebApplication UseNhsFrontend(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRewriter(new RewriteOptions().AddRewrite("^assets/(.*)$", "_content/WebUI/nhsuk/assets/$1", skipRemainingRules: true));
        return app;
    }
}
