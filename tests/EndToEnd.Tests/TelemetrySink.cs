using System.Net;
using System.Text;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// A stand-in OTLP/HTTP collector on loopback: keeps the raw protobuf body of every export (traces,
/// logs, metrics) from every service. String attribute values travel verbatim in protobuf, so a
/// personal value that reached telemetry can be found in these bytes.
/// </summary>
public sealed class TelemetrySink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<byte[]> _bodies = [];
    private readonly Lock _gate = new();
    private readonly Task _loop;

    public TelemetrySink()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public int Exports
    {
        get
        {
            lock (_gate)
            {
                return _bodies.Count;
            }
        }
    }

    /// <summary>Everything received so far, as one Latin-1 string (every byte kept, so UTF-8 text stays findable).</summary>
    public string Everything()
    {
        lock (_gate)
        {
            return string.Concat(_bodies.Select(b => Encoding.Latin1.GetString(b)));
        }
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            lock (_gate)
            {
                _bodies.Add(buffer.ToArray());
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
