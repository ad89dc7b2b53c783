using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocialPrescribing.ReferralIntake.Features.SubjectAccess;

/// <summary>
/// The export as a readable, printable page: each service, each kind of record, each record as a list
/// of its fields in words ("submittedAt" → "Submitted at"), nested lists for what records hold.
/// Self-contained (its own print style), so it reads the same saved, printed or opened offline.
/// </summary>
public static class SubjectAccessPage
{
    private static readonly Dictionary<string, string> ServiceNames = new(StringComparer.Ordinal)
    {
        [ResourceNames.ReferralIntake] = "Referrals and your details",
        [ResourceNames.CaseManagement] = "Your support from a link worker",
        [ResourceNames.WellbeingMetrics] = "Wellbeing questionnaires",
        [ResourceNames.ServiceDirectory] = "Referrals to community services",
    };

    public static string Render(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(document["title"]?.GetValue<string>() ?? "")).Append("</title><style>")
            .Append("body{font-family:Arial,sans-serif;line-height:1.5;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#212b32}")
            .Append("h1{font-size:2rem}h2{border-top:2px solid #005eb8;padding-top:1rem;margin-top:2rem}h3{margin-top:1.5rem}")
            .Append("dl{display:grid;grid-template-columns:minmax(10rem,16rem) 1fr;gap:.25rem 1rem;border-left:4px solid #d8dde0;padding-left:1rem;margin:1rem 0}")
            .Append("dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}ul{margin:0;padding-left:1.25rem}")
            .Append("@media print{body{margin:0;max-width:none}h2{break-before:page}dl{break-inside:avoid}}</style></head><body><main>");
        html.Append("<h1>").Append(E(document["title"]?.GetValue<string>() ?? "")).Append("</h1>");
        html.Append("<p>From ").Append(E(document["controller"]?.GetValue<string>() ?? "")).Append(". Asked for on ")
            .Append(E(When(document["requestedAt"]))).Append("; put together on ").Append(E(When(document["generatedAt"])))
            .Append(". Request ").Append(E(document["requestId"]?.ToString() ?? "")).Append(".</p>")
            .Append("<p>It has every record each part of the service holds about you, and a list of everyone who looked at or changed them (the audit entries).</p>");
        foreach (var (service, part) in document["services"]?.AsObject() ?? [])
        {
            html.Append("<h2>").Append(E(ServiceNames.GetValueOrDefault(service, service))).Append("</h2>");
            foreach (var (kind, records) in part?.AsObject() ?? [])
            {
                var list = records as JsonArray ?? [records];
                html.Append("<h3>").Append(E(Words(kind))).Append(" (").Append(list.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h3>");
                if (list.Count == 0)
                {
                    html.Append("<p>None.</p>");
                }

                foreach (var record in list)
                {
                    Value(html, record);
                }
            }
        }

        return html.Append("</main></body></html>").ToString();
    }

    private static void Value(StringBuilder html, JsonNode? node)
    {
        switch (node)
        {
            case null:
                html.Append("None");
                break;
            case JsonObject fields:
                html.Append("<dl>");
                foreach (var (name, value) in fields)
                {
                    html.Append("<dt>").Append(E(Words(name))).Append("</dt><dd>");
                    Value(html, value);
                    html.Append("</dd>");
                }

                html.Append("</dl>");
                break;
            case JsonArray items when items.Count == 0:
                html.Append("None");
                break;
            case JsonArray items:
                html.Append("<ul>");
                foreach (var item in items)
                {
                    html.Append("<li>");
                    Value(html, item);
                    html.Append("</li>");
                }

                html.Append("</ul>");
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.True:
                html.Append("Yes");
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.False:
                html.Append("No");
                break;
            default:
                html.Append(E(When(node)));
                break;
        }
    }

    /// <summary>An instant as "3 December 2026, 14:05 (UTC)"; anything else as written.</summary>
    private static string When(JsonNode? node)
    {
        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "";
        return text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && text[4] == '-' && text.Contains('T', StringComparison.Ordinal)
            ? at.ToUniversalTime().ToString("d MMMM yyyy, HH:mm '(UTC)'", CultureInfo.GetCultureInfo("en-GB"))
            : text;
    }

    /// <summary>"submittedAt" → "Submitted at".</summary>
    public static string Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(words.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return words.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
