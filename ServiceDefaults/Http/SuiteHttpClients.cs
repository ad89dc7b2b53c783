using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace SocialPrescribing.Http;

/// <summary>
/// Passes the signed-in person's access token on to the service called, so that service checks
/// their rights itself (and audits the read under their name).
/// </summary>
public sealed class ForwardUserToken(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null
            && accessor.HttpContext?.Request.Headers.Authorization.ToString() is { Length: > 0 } header
            && AuthenticationHeaderValue.TryParse(header, out var value))
        {
            request.Headers.Authorization = value;
        }

        return base.SendAsync(request, cancellationToken);
    }
}

public static class SuiteHttpClients
{
    /// <summary>
    /// A client of another service of the suite, found by service discovery, carrying the signed-in person's
    /// token. A person is waiting: it waits a few seconds at most (one quick retry), then fails, so the caller
    /// can say the service did not answer instead of hanging.
    /// </summary>
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers replaces the suite's default handler (3 slow retries).
    public static IHttpClientBuilder ForAPersonWaiting(this IHttpClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.AddHttpContextAccessor();
        client.Services.AddTransient<ForwardUserToken>();
        client.AddHttpMessageHandler<ForwardUserToken>()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.MaxRetryAttempts = 1;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(4);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
            });
        return client;
    }
#pragma warning restore EXTEXP0001
}
