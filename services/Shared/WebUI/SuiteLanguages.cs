using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace SocialPrescribing.WebUI;

/// <summary>
/// English and Welsh on the public screens (the Welsh Language Standards): the language comes from <c>?lang=cy</c> (or
/// <c>en</c>) — which is then remembered in the essential cookie <see cref="Cookie"/> — or that cookie; anything else is
/// English, never an error. Staff screens do not use this and stay English.
/// </summary>
public static class SuiteLanguages
{
    public const string English = "en-GB";
    public const string Welsh = "cy";
    public const string Cookie = "sp.lang";
    public const string Query = "lang";

    public static readonly IReadOnlyList<CultureInfo> Supported = [new(English), new(Welsh)];

    /// <summary>
    /// Resource-file localisation (<c>IStringLocalizer&lt;T&gt;</c>, resources beside their marker class) and pages that
    /// write Welsh letters (â, ŵ, ŷ) as themselves rather than as character references.
    /// </summary>
    public static IServiceCollection AddSuiteLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return services;
    }

    /// <summary>
    /// Sets each public request's culture from the query or the cookie, and remembers a chosen language; requests under
    /// <paramref name="staffPaths"/> are left English. Call before routing.
    /// </summary>
    public static WebApplication UseSuiteLanguages(this WebApplication app, params string[] staffPaths)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(staffPaths);
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(English),
            SupportedCultures = [.. Supported],
            SupportedUICultures = [.. Supported],
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            // ?lang=en (or en-GB, cy, cy-GB…) read as the language it names, so the switch's own link changes this page too.
            new CustomRequestCultureProvider(context => Task.FromResult(
                context.Request.Query.TryGetValue(Query, out var asked) && Chosen(asked.ToString()) is { } chosen
                    ? new ProviderCultureResult(chosen)
                    : null)),
            new CookieRequestCultureProvider { CookieName = Cookie },
        ];
        // Staff screens (their paths given) stay English: no culture is chosen for them.
        app.UseWhen(context => !staffPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)), publicScreens =>
        {
            publicScreens.UseRequestLocalization(options);
            publicScreens.Use(RememberChoice);
        });
        return app;
    }

    /// <summary>A language chosen with <c>?lang=</c> is remembered for a year in the essential cookie.</summary>
    private static Task RememberChoice(HttpContext context, Func<Task> next)
    {
        if (context.Request.Query.TryGetValue(Query, out var asked) && Chosen(asked.ToString()) is { } chosen)
        {
            context.Response.Cookies.Append(Cookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)), new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
        }

        return next();
    }

    /// <summary>Whether this request is served in a chosen language (public screens) rather than always in English (staff).</summary>
    public static bool IsLocalised(HttpContext context) => context?.Features.Get<IRequestCultureFeature>() is not null;

    public static bool IsWelsh => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Welsh;

    /// <summary>The page's <c>lang</c>: <c>cy</c> or <c>en-GB</c>.</summary>
    public static string Current => IsWelsh ? Welsh : English;

    /// <summary>The same page in the other language: its path and query, with <c>lang</c> set.</summary>
    public static string SwitchLink(HttpRequest request, string to) => Switch(request, to, handler: null);

    /// <summary>
    /// Where a form page's language switch posts the form (see <see cref="FormKey"/>): the page's <c>Language</c> handler
    /// with <c>lang</c> set, so the page comes back in that language with what was typed.
    /// </summary>
    public static string SwitchFormAction(HttpRequest request, string to) => Switch(request, to, LanguageHandler);

    /// <summary>
    /// The view-data key a form page sets to its form's id: the header's switch then posts that form instead of leaving it.
    /// </summary>
    public const string FormKey = "LanguageForm";

    /// <summary>The page handler a form page offers for its language switch (<c>OnPostLanguage</c>).</summary>
    public const string LanguageHandler = "Language";

    private static string Switch(HttpRequest request, string to, string? handler)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => !string.Equals(q.Key, Query, StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        if (handler is not null)
        {
            query = query.Append(new KeyValuePair<string, string?>("handler", handler));
        }

        return request.PathBase + request.Path + QueryString.Create(query.Append(new KeyValuePair<string, string?>(Query, to)));
    }

    private static string? Chosen(string asked) =>
        asked.Equals(Welsh, StringComparison.OrdinalIgnoreCase) || asked.StartsWith("cy-", StringComparison.OrdinalIgnoreCase) ? Welsh
        : asked.Equals("en", StringComparison.OrdinalIgnoreCase) || asked.StartsWith("en-", StringComparison.OrdinalIgnoreCase) ? English
        : null;
}
