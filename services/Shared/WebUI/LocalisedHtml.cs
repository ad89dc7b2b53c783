using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace SocialPrescribing.WebUI;

/// <summary>
/// Translated words with markup inside them ("Call {0} now", the {0} a <c>&lt;strong&gt;</c> or a link): the words are
/// encoded, the parts — markup the page made, its own text already encoded — go in as they are, so each language may put
/// them where its grammar needs.
/// </summary>
public static class LocalisedHtml
{
    public static HtmlString Format(HtmlEncoder encoder, string words, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return new HtmlString(string.Format(CultureInfo.CurrentCulture, encoder.Encode(words), [.. parts]));
    }
}
