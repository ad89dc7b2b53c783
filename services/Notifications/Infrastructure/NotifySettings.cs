using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.Infrastructure;

/// <summary>
/// GOV.UK Notify, when <c>Notifications:Sender</c> is <c>notify</c>: the API key and the callback bearer token (secrets),
/// and the id of the Notify template for every message, channel and language (<c>Notify:Templates:{kind}:{channel}:{language}</c>;
/// Notify's templates use the same <c>((placeholder))</c> names as ours). Checked at start: a missing or unknown template
/// id, or a missing secret, stops the service naming the setting.
/// </summary>
public sealed class NotifySettings
{
    public const string DefaultBaseUrl = "https://api.notifications.service.gov.uk";

    public required string ApiKey { get; init; }

    public required string BaseUrl { get; init; }

    public required IReadOnlyDictionary<(string Kind, string Channel, string Language), string> Templates { get; init; }

    /// <summary>Notify's text sender id, if the service has several.</summary>
    public string? SmsSenderId { get; init; }

    /// <summary>Reads and checks the settings against the templates the service sends.</summary>
    public static NotifySettings From(IConfiguration configuration, NoticeTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(templates);
        var apiKey = configuration["Notify:ApiKey"] is { Length: > 74 } key
            ? key
            : throw new InvalidOperationException("Notify:ApiKey must be a GOV.UK Notify API key (a secret setting) when Notifications:Sender is notify.");
        if (!NotifyCallbacks.Configured(configuration))
        {
            throw new InvalidOperationException("Notify:CallbackToken must be set (a secret of at least 16 characters, the bearer token given to Notify for its callbacks) when Notifications:Sender is notify.");
        }

        var ids = new Dictionary<(string, string, string), string>();
        foreach (var kind in configuration.GetSection("Notify:Templates").GetChildren())
        {
            if (!templates.Titles.ContainsKey(kind.Key))
            {
                throw new InvalidOperationException($"Notify:Templates:{kind.Key}: there is no message '{kind.Key}' (the messages are {string.Join(", ", templates.Titles.Keys)}).");
            }

            foreach (var channel in kind.GetChildren())
            {
                foreach (var language in channel.GetChildren().Where(l => !string.IsNullOrWhiteSpace(l.Value)))
                {
                    var name = $"Notify:Templates:{kind.Key}:{channel.Key}:{language.Key}";
                    if (!templates.All.Contains((kind.Key, channel.Key, language.Key)))
                    {
                        throw new InvalidOperationException($"{name}: the service has no {channel.Key} template in '{language.Key}' for {kind.Key}.");
                    }

                    ids[(kind.Key, channel.Key, language.Key)] = Guid.TryParse(language.Value, out var id)
                        ? id.ToString()
                        : throw new InvalidOperationException($"{name}: '{language.Value}' is not a Notify template id.");
                }
            }
        }

        // Letters need a postal address the suite does not hold: only emails and texts need a Notify template. Every
        // language the service writes in needs its own, so a Welsh speaker is never sent the English one by mistake.
        foreach (var (kind, channel, language) in templates.All.Where(t => t.Channel != Model.NoticeChannels.Letter))
        {
            if (!ids.ContainsKey((kind, channel, language)))
            {
                throw new InvalidOperationException($"Notify:Templates:{kind}:{channel}:{language} is missing: the id of the Notify template for that message.");
            }
        }

        return new NotifySettings
        {
            ApiKey = apiKey,
            BaseUrl = configuration["Notify:BaseUrl"] is { Length: > 0 } url ? url : DefaultBaseUrl,
            Templates = ids,
            SmsSenderId = configuration["Notify:SmsSenderId"] is { Length: > 0 } sender ? sender : null,
        };
    }

    /// <summary>The Notify template for a message in the person's language, else in English.</summary>
    public string TemplateFor(string kind, string channel, string language) =>
        Templates.GetValueOrDefault((kind, channel, language))
        ?? Templates.GetValueOrDefault((kind, channel, NoticeTemplates.DefaultLanguage))
        ?? throw new NoticeRefusedException($"no Notify template for {kind} by {channel}");
}
