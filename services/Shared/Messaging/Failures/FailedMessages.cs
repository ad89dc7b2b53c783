using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace SocialPrescribing.Messaging.Failures;

/// <summary>A message in one of the service's <c>_error</c> queues, without its body (it holds personal data).</summary>
public sealed record FailedMessage(
    string Queue,
    Guid? MessageId,
    string? MessageType,
    string? Reason,
    string? ExceptionType,
    string? ExceptionMessage,
    DateTimeOffset? FailedAt);

/// <summary>The service's <c>_error</c> queues: how many messages each holds and the first of them.</summary>
public sealed record FailedQueue(string Queue, string ReplaysTo, uint Count, IReadOnlyList<FailedMessage> Messages);

/// <summary>
/// Lists the messages this service's consumers gave up on (each consumer queue's <c>_error</c> queue,
/// where MassTransit moves a message after its retries and redeliveries) and moves them back to their
/// queue once the cause is fixed. Works on the broker directly, with a connection of its own.
/// </summary>
public sealed class FailedMessages(IConfiguration configuration, ReceiveEndpoints endpoints)
{
    public const string ErrorSuffix = "_error";

    // MassTransit's fault headers: dropped when a message goes back, so a new failure is described afresh.
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-", "MT-Redelivery-Count"];

    public async Task<IReadOnlyList<FailedQueue>> ListAsync(int perQueue, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var queues = new List<FailedQueue>();
        foreach (var queue in endpoints.Queues)
        {
            var errorQueue = queue + ErrorSuffix;
            // A look that takes messages without acknowledging them: closing the channel puts them back.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var count = await CountAsync(channel, errorQueue, cancellationToken);
            if (count is null)
            {
                continue; // MassTransit makes an _error queue with its first failure
            }

            var messages = new List<FailedMessage>();
            while (messages.Count < Math.Min(perQueue, (int)count.Value)
                   && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } got)
            {
                messages.Add(Describe(errorQueue, got));
            }

            queues.Add(new FailedQueue(errorQueue, queue, count.Value, messages));
        }

        return queues;
    }

    /// <summary>
    /// Moves messages from the service's <c>_error</c> queues back to the queue they failed in (all of
    /// them, or only <paramref name="messageId"/>): each is published with a broker confirm before it
    /// is removed, so a failure part-way loses nothing (at worst a message is delivered twice, which
    /// the inbox absorbs).
    /// </summary>
    public async Task<int> ReplayAsync(Guid? messageId, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var replayed = 0;
        foreach (var queue in endpoints.Queues)
        {
            var errorQueue = queue + ErrorSuffix;
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            var count = await CountAsync(channel, errorQueue, cancellationToken) ?? 0;
            // Only the messages there now: one that fails again comes back to the end of the queue.
            for (var i = 0; i < count; i++)
            {
                if (await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is not { } got)
                {
                    break;
                }

                if (messageId is not null && MessageIdOf(got) != messageId)
                {
                    continue; // left unacknowledged: back in the queue when the channel closes
                }

                var properties = new BasicProperties(got.BasicProperties)
                {
                    Headers = got.BasicProperties.Headers?
                        .Where(h => !FaultHeaderPrefixes.Any(p => h.Key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                        .ToDictionary(h => h.Key, h => h.Value),
                };
                await channel.BasicPublishAsync("", queue, mandatory: true, properties, got.Body, cancellationToken);
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false, cancellationToken);
                replayed++;
            }
        }

        return replayed;
    }

    /// <summary>
    /// A person's erasure: removes every message in the service's <c>_error</c> and <c>_skipped</c> queues
    /// whose body carries any of <paramref name="keys"/> (their ids and references). The others go back
    /// (unacknowledged, they return when the channel closes). Returns how many were removed.
    /// </summary>
    public async Task<int> EraseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return 0;
        }

        return await RemoveAsync(got =>
        {
            var body = Encoding.UTF8.GetString(got.Body.Span);
            return keys.Any(k => body.Contains(k, StringComparison.OrdinalIgnoreCase));
        }, cancellationToken);
    }

    /// <summary>
    /// The retention schedule (<c>Retention:FailedMessages</c>): removes every message in the service's <c>_error</c>
    /// and <c>_skipped</c> queues that failed (or was sent, when no failure time is on it) before <paramref name="cutOff"/>.
    /// The others go back, in their order. Returns how many were removed.
    /// </summary>
    public Task<int> ExpireAsync(DateTimeOffset cutOff, CancellationToken cancellationToken) =>
        RemoveAsync(got => FailedAtOf(got) is { } at && at < cutOff, cancellationToken);

    /// <summary>Removes the messages of the <c>_error</c> and <c>_skipped</c> queues that <paramref name="remove"/> picks; the others go back.</summary>
    private async Task<int> RemoveAsync(Func<BasicGetResult, bool> remove, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var removed = 0;
        foreach (var queue in endpoints.Queues.SelectMany(q => new[] { q + ErrorSuffix, q + "_skipped" }))
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var count = await CountAsync(channel, queue, cancellationToken) ?? 0;
            for (var i = 0; i < count; i++)
            {
                if (await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is not { } got)
                {
                    break;
                }

                if (remove(got))
                {
                    await channel.BasicAckAsync(got.DeliveryTag, multiple: false, cancellationToken);
                    removed++;
                }
            }
        }

        return removed;
    }

    /// <summary>When the message failed (MassTransit's fault time), else when it was sent (the AMQP timestamp or the envelope's).</summary>
    private static DateTimeOffset? FailedAtOf(BasicGetResult got)
    {
        var styles = System.Globalization.DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParse(Header(got.BasicProperties.Headers, "MT-Fault-Timestamp"), System.Globalization.CultureInfo.InvariantCulture, styles, out var failedAt))
        {
            return failedAt;
        }

        if (got.BasicProperties.IsTimestampPresent() && got.BasicProperties.Timestamp.UnixTime > 0)
        {
            return DateTimeOffset.FromUnixTimeSeconds(got.BasicProperties.Timestamp.UnixTime);
        }

        try
        {
            var reader = new Utf8JsonReader(got.Body.Span);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("sentTime", out var sent)
                   && sent.TryGetDateTimeOffset(out var sentAt)
                ? sentAt
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration.GetConnectionString(ResourceNames.Messaging)
                          ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.Messaging} is not set.")),
            ClientProvidedName = "failed-messages",
        };
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    private static async Task<uint?> CountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    private static FailedMessage Describe(string queue, BasicGetResult got)
    {
        var headers = got.BasicProperties.Headers;
        var exceptionMessage = Header(headers, "MT-Fault-Message");
        return new FailedMessage(
            queue,
            MessageIdOf(got),
            MessageTypeOf(got.Body.Span),
            Header(headers, "MT-Reason"),
            Header(headers, "MT-Fault-ExceptionType"),
            exceptionMessage is { Length: > 500 } ? exceptionMessage[..500] : exceptionMessage,
            DateTimeOffset.TryParse(Header(headers, "MT-Fault-Timestamp"), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null);
    }

    private static Guid? MessageIdOf(BasicGetResult got) =>
        Guid.TryParse(got.BasicProperties.MessageId, out var id) ? id
        : Guid.TryParse(Header(got.BasicProperties.Headers, MessageHeaders.MessageId), out id) ? id
        : null;

    /// <summary>The envelope's first message type (<c>urn:message:Namespace:Type</c> → <c>Type</c>), if the body is an envelope.</summary>
    private static string? MessageTypeOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("messageType", out var types)
                && types.ValueKind == JsonValueKind.Array
                && types.GetArrayLength() > 0
                && types[0].ValueKind == JsonValueKind.String
                && types[0].GetString() is { } urn)
            {
                return urn[(urn.LastIndexOf(':') + 1)..];
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static string? Header(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            }
            : null;
}
