using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace SocialPrescribing.WebUI;

/// <summary>A nested staff page's breadcrumbs: the screens above it, set by the page, shown by the shared layout.</summary>
public static class Breadcrumbs
{
    public const string Key = "Breadcrumbs";

    public static void Set(ViewDataDictionary viewData, params (string Href, string Label)[] trail)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        viewData[Key] = (IReadOnlyList<(string Href, string Label)>)trail;
    }
}
