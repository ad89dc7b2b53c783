using System.Collections.Concurrent;
using System.Text.Json;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.Messaging.Outbox;

/// <summary>Turns integration events into outbox rows and back.</summary>
internal static class IntegrationEventSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

    /// <summary>"Namespace.Type, Assembly": stable across versions of the assembly.</summary>
    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static string Serialize(IIntegrationEvent message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    public static (object Message, Type Type) Deserialize(string messageType, string body)
    {
        var type = Types.GetOrAdd(messageType, static name =>
        {
            var found = Type.GetType(name, throwOnError: false);
            // Only integration events are ever materialised from a stored name.
            return found is not null && typeof(IIntegrationEvent).IsAssignableFrom(found)
                ? found
                : throw new InvalidOperationException($"The outbox holds a message of unknown type '{name}'.");
        });
        var message = JsonSerializer.Deserialize(body, type, Options)
                      ?? throw new InvalidOperationException($"An outbox message of type '{messageType}' has an empty body.");
        return (message, type);
    }
}
