using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace SocialPrescribing.TestSupport;

/// <summary>
/// Events of one type as the real broker delivers them to a temporary queue of the test (bound to the
/// event's exchange from the moment <see cref="Start"/> returns), to check what a service published.
/// </summary>
public sealed class BrokerListener<T>
    where T : class
{
    private readonly ChannelReader<T> _heard;

    /// <summary>Every event read so far, so a later question can match one an earlier question passed over.</summary>
    private readonly List<T> _earlier = [];

    private BrokerListener(ChannelReader<T> heard) => _heard = heard;

    public static BrokerListener<T> Start(IServiceProvider services)
    {
        var heard = Channel.CreateUnbounded<T>();
        var handle = services.GetRequiredService<IBus>().ConnectReceiveEndpoint(
            cfg => cfg.Handler<T>(context => heard.Writer.WriteAsync(context.Message).AsTask()));
        handle.Ready.GetAwaiter().GetResult();
        return new BrokerListener<T>(heard.Reader);
    }

    /// <summary>The first event heard that matches (heard already or still to come), waiting up to a minute for it.</summary>
    public async Task<T> ReadAsync(Func<T, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (_earlier.FirstOrDefault(match) is { } already)
        {
            return already;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var message = await _heard.ReadAsync(timeout.Token);
            _earlier.Add(message);
            if (match(message))
            {
                return message;
            }
        }
    }
}
