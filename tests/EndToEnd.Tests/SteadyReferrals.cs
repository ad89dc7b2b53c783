using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// Self-referrals through the gateway at a steady rate, each from a different person with its own
/// Idempotency-Key, as the public form sends them. Remembers which were accepted (201) and how the
/// others were refused; sending does not wait for earlier answers, so a slow part does not slow the rate.
/// </summary>
public sealed class SteadyReferrals : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly Task _loop;
    private readonly string _run = Letters(Random.Shared.Next(26 * 26 * 26 * 26));
    private int _sent;

    public SteadyReferrals(Uri gateway, int perSecond)
    {
        // A client of its own: no retries or resilience between the test and the gateway.
        _client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        _loop = Task.Run(() => SendAsync(TimeSpan.FromSeconds(1.0 / perSecond)));
    }

    public ConcurrentBag<Guid> Accepted { get; } = [];

    /// <summary>Status codes of refused submissions (0: no answer at all).</summary>
    public ConcurrentDictionary<int, int> Refused { get; } = new();

    public string RefusalsSummary => Refused.IsEmpty
        ? "none refused"
        : "refused " + string.Join(", ", Refused.OrderBy(r => r.Key).Select(r => $"{(r.Key == 0 ? "no answer" : r.Key.ToString(CultureInfo.InvariantCulture))} x{r.Value}"));

    /// <summary>Stops sending and waits for every submission in flight to be answered.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await Task.WhenAll(_inFlight.Keys);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task SendAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var task = SubmitOneAsync(Interlocked.Increment(ref _sent));
                _inFlight.TryAdd(task, 0);
                _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SubmitOneAsync(int number)
    {
        var referral = SuiteFixture.SelfReferral("Steady", "Load" + _run + Letters(number));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = JsonContent.Create(referral) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        try
        {
            using var response = await _client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var created = await response.Content.ReadFromJsonAsync<JsonObject>();
                Accepted.Add(created!["id"]!.GetValue<Guid>());
            }
            else
            {
                Refused.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            }
        }
        catch (HttpRequestException)
        {
            Refused.AddOrUpdate(0, 1, (_, n) => n + 1);
        }
        catch (TaskCanceledException)
        {
            Refused.AddOrUpdate(0, 1, (_, n) => n + 1);
        }
    }

    /// <summary>A number as letters (names hold letters only), so every referral is a different person.</summary>
    private static string Letters(int number)
    {
        var letters = new System.Text.StringBuilder();
        do
        {
            letters.Insert(0, (char)('a' + (number % 26)));
            number /= 26;
        }
        while (number > 0);
        return letters.ToString();
    }
}
