using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

namespace SocialPrescribing.WebUI;

/// <summary>
/// Words from a screen's resources (<c>X.resx</c> English, <c>X.cy.resx</c> Welsh, beside the marker class <c>X</c>) in
/// the request's language. A key that does not exist is a mistake (the translation test keeps both languages' keys
/// equal), so <see cref="Get{TMarker}"/> throws rather than show a blank label.
/// </summary>
public static class SuiteText
{
    private static readonly ConcurrentDictionary<Type, ResourceManager> Managers = new();

    public static string Get<TMarker>(string key) =>
        Find<TMarker>(key) ?? throw new KeyNotFoundException($"No '{key}' in {typeof(TMarker).Name} resources.");

    /// <summary>The words with values put in (numbers and dates in the page's language).</summary>
    public static string Format<TMarker>(string key, params object[] values) =>
        string.Format(CultureInfo.CurrentCulture, Get<TMarker>(key), values);

    /// <summary>The words for a key that may not exist (a term from data that may be ours), or null.</summary>
    public static string? Find<TMarker>(string key) => Resources(typeof(TMarker)).GetString(key, CultureInfo.CurrentUICulture);

    public static ResourceManager Resources(Type marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        return Managers.GetOrAdd(marker, type => new ResourceManager(type.FullName!, type.Assembly));
    }
}
