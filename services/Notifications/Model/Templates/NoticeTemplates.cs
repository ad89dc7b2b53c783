using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocialPrescribing.Notifications.Model.Templates;

/// <summary>A message's words for one channel and language: a subject (email, letter) and a body, with <c>((placeholders))</c>.</summary>
public sealed record NoticeTemplate(string Kind, string Channel, string Language, string? Subject, string Body);

/// <summary>A message as sent: its subject (email, letter) and body, placeholders filled.</summary>
public sealed record RenderedNotice(string? Subject, string Body);

/// <summary>
/// The messages' words as data (templates.json: per kind the placeholders it may use, then per language and channel a
/// subject and a body), read and checked at start: a placeholder a kind does not declare, a kind without English for a
/// channel, a message to the person without Welsh for a channel, or a text with a subject stops the service, naming it.
/// Welsh is the entry <c>cy</c> beside <c>en</c>; staff and provider messages are English only.
/// </summary>
public sealed partial class NoticeTemplates
{
    public const string DefaultLanguage = "en";

    /// <summary>Messages to the person are also in Welsh (the Welsh Language Standards): every channel English has.</summary>
    public const string Welsh = "cy";

    /// <summary>The placeholder of the link that stops messages.</summary>
    public const string OptOutLink = "opt_out_link";

    private static readonly string[] Channels = [Model.NoticeChannels.Email, Model.NoticeChannels.Text, Model.NoticeChannels.Letter];

    private readonly Dictionary<(string Kind, string Channel, string Language), NoticeTemplate> _templates;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; }

    /// <summary>What each message is, in a few words, as staff see it on the case ("Meeting booked").</summary>
    public IReadOnlyDictionary<string, string> Titles { get; }

    private NoticeTemplates(
        Dictionary<(string, string, string), NoticeTemplate> templates, Dictionary<string, IReadOnlyList<string>> placeholders, Dictionary<string, string> titles)
    {
        _templates = templates;
        Placeholders = placeholders;
        Titles = titles;
    }

    /// <summary>Every (kind, channel, language) there is a template for.</summary>
    public IEnumerable<(string Kind, string Channel, string Language)> All => _templates.Keys;

    /// <summary>The templates built into the service.</summary>
    public static NoticeTemplates BuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SocialPrescribing.Notifications.Model.Templates.templates.json")
                           ?? throw new InvalidOperationException("templates.json is not built into the Notifications service.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads and checks templates; throws, naming the template and the problem, at the first that is wrong.</summary>
    public static NoticeTemplates Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var templates = new Dictionary<(string, string, string), NoticeTemplate>();
        var placeholders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kind in document.RootElement.EnumerateObject())
        {
            titles[kind.Name] = kind.Value.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidOperationException($"Template {kind.Name}: needs a title (what the message is, as staff see it on the case).");
            var declared = kind.Value.GetProperty("placeholders").EnumerateArray().Select(p => p.GetString()!).ToList();
            // Every email and text to a person offers a way to stop them; only safety-critical staff alerts may not.
            var offersOptOut = !kind.Value.TryGetProperty("optOut", out var optOut) || optOut.GetBoolean();
            placeholders[kind.Name] = declared;
            foreach (var language in kind.Value.GetProperty("languages").EnumerateObject())
            {
                foreach (var channel in language.Value.EnumerateObject())
                {
                    var name = $"{kind.Name}/{language.Name}/{channel.Name}";
                    if (!Channels.Contains(channel.Name))
                    {
                        throw new InvalidOperationException($"Template {name}: '{channel.Name}' is not a channel (email, text or letter).");
                    }

                    var subject = channel.Value.TryGetProperty("subject", out var s) ? s.GetString() : null;
                    var body = channel.Value.GetProperty("body").GetString() ?? "";
                    if (channel.Name == Model.NoticeChannels.Text && subject is not null)
                    {
                        throw new InvalidOperationException($"Template {name}: a text has no subject.");
                    }

                    if (channel.Name != Model.NoticeChannels.Text && string.IsNullOrWhiteSpace(subject))
                    {
                        throw new InvalidOperationException($"Template {name}: an {channel.Name} needs a subject.");
                    }

                    foreach (var used in Placeholder().Matches((subject ?? "") + body).Select(m => m.Groups[1].Value).Distinct())
                    {
                        if (!declared.Contains(used))
                        {
                            throw new InvalidOperationException($"Template {name}: unknown placeholder (({used})); {kind.Name} may use {string.Join(", ", declared)}.");
                        }
                    }

                    if (offersOptOut && channel.Name != Model.NoticeChannels.Letter && !body.Contains($"(({OptOutLink}))", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"Template {name}: every {channel.Name} must offer a way to stop messages ((({OptOutLink}))).");
                    }

                    templates[(kind.Name, channel.Name, language.Name)] = new NoticeTemplate(kind.Name, channel.Name, language.Name, subject, body);
                }
            }

            // A kind sent by some channels only (a text two hours before) says which; the others need all three.
            var channels = kind.Value.TryGetProperty("channels", out var only) ? only.EnumerateArray().Select(c => c.GetString()!).ToArray() : Channels;
            foreach (var channel in channels.Where(c => !templates.ContainsKey((kind.Name, c, DefaultLanguage))))
            {
                throw new InvalidOperationException($"Template {kind.Name}/{DefaultLanguage}/{channel} is missing: every message needs English for every channel.");
            }

            foreach (var channel in channels.Where(c => offersOptOut && !templates.ContainsKey((kind.Name, c, Welsh))))
            {
                throw new InvalidOperationException($"Template {kind.Name}/{Welsh}/{channel} is missing: every message to the person needs Welsh for every channel.");
            }
        }

        return new NoticeTemplates(templates, placeholders, titles);
    }

    /// <summary>The message in the person's language (English when there is none in theirs), placeholders filled.</summary>
    public RenderedNotice Render(string kind, string channel, string language, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var template = _templates.GetValueOrDefault((kind, channel, language))
                       ?? _templates.GetValueOrDefault((kind, channel, DefaultLanguage))
                       ?? throw new InvalidOperationException($"No template {kind}/{DefaultLanguage}/{channel}.");
        string Fill(string text) => Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"Template {kind}/{channel}: no value for (({m.Groups[1].Value}))."));
        return new RenderedNotice(template.Subject is null ? null : Fill(template.Subject), Fill(template.Body));
    }

    /// <summary>The message as it was sent, or null when its template or a value is gone (a message older than a template change).</summary>
    public RenderedNotice? TryRender(string kind, string channel, string language, IReadOnlyDictionary<string, string> values)
    {
        try
        {
            return Render(kind, channel, language, values);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\(\(([a-z_]+)\)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
