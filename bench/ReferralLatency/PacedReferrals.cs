using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace SocialPrescribing.Bench;

/// <summary>
/// Referral → case at a steady rate: referrals are sent on a clock (an open loop: a slow answer does
/// not slow the rate), each remembered with the moment it was sent and the moment its 201 came back;
/// afterwards Case Management's database says when each case was written (<c>cases.opened_at</c>,
/// stamped by the consumer in the transaction that creates the case, so visible a commit later).
/// The first <see cref="WarmUpSeconds"/> are sent at the same rate but not counted: a fresh driver
/// spends half a core on its own JIT for its first seconds, on the cores the suite runs on, and the
/// referrals of those seconds measured the driver's start more than the suite.
/// </summary>
public static class PacedReferrals
{
    public const int WarmUpSeconds = 5;

    public static async Task RunAsync(Uri gateway, int rate, int seconds, string caseDb)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = gateway };
        var sent = new ConcurrentDictionary<Guid, (DateTimeOffset SentAt, DateTimeOffset AcceptedAt)>();
        var failures = 0;
        var run = Guid.NewGuid().ToString("N")[..6];
        var inFlight = new List<Task>();
        var warmUp = rate * WarmUpSeconds;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate));
        var clock = new Stopwatch();
        for (var i = 0; i < warmUp + rate * seconds; i++)
        {
            await timer.WaitForNextTickAsync();
            if (i == warmUp)
            {
                clock.Start();
            }

            var number = i;
            var counted = i >= warmUp;
            inFlight.Add(Task.Run(async () =>
            {
                var sentAt = DateTimeOffset.UtcNow;
                using var response = await client.PostAsJsonAsync("/api/referrals", Referral(run, number));
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                    return;
                }

                if (!counted)
                {
                    return;
                }

                var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
                sent[id] = (sentAt, DateTimeOffset.UtcNow);
            }));
        }

        await Task.WhenAll(inFlight);
        var achieved = sent.Count / clock.Elapsed.TotalSeconds;

        await using var connection = new NpgsqlConnection(caseDb);
        await connection.OpenAsync();
        var opened = new Dictionary<Guid, DateTimeOffset>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (opened.Count < sent.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await using var command = new NpgsqlCommand("SELECT referral_id, opened_at FROM cases WHERE referral_id = ANY(@ids)", connection);
            command.Parameters.AddWithValue("ids", sent.Keys.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            opened.Clear();
            while (await reader.ReadAsync())
            {
                opened[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var post = sent.Values.Select(s => (s.AcceptedAt - s.SentAt).TotalMilliseconds).ToList();
        var toCase = sent.Where(s => opened.ContainsKey(s.Key)).Select(s => (opened[s.Key] - s.Value.SentAt).TotalMilliseconds).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"paced referrals: {sent.Count} accepted at {achieved:F0}/s (asked {rate}/s for {seconds} s after {WarmUpSeconds} s not counted), {failures} refused, {sent.Count - opened.Count} without a case after 2 min"));
        Console.WriteLine($"  POST /api/referrals:         {Summary(post)}");
        Console.WriteLine($"  referral sent → case written: {Summary(toCase)}");
        if (Environment.GetEnvironmentVariable("PACED_TIMELINE") is { Length: > 0 } timeline)
        {
            // One line a referral: sent, accepted, case written (Unix time, ms), to see whether the slow ones
            // come together and to line them up with other recordings of the same seconds.
            static string Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            await File.WriteAllLinesAsync(timeline, sent.Where(s => opened.ContainsKey(s.Key)).OrderBy(s => s.Value.SentAt)
                .Select(s => $"{Ms(s.Value.SentAt)},{Ms(s.Value.AcceptedAt)},{Ms(opened[s.Key])}"));
        }
    }

    private static JsonObject Referral(string run, int number) => new()
    {
        ["channel"] = "self",
        ["person"] = new JsonObject
        {
            ["givenName"] = "Paced",
            // A new person each time: a repeat of one person would join the first case instead of opening one.
            ["familyName"] = "Bench" + run.Replace('0', 'a') + string.Concat(number.ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0'))),
            ["dateOfBirth"] = "1980-01-01",
            ["postcode"] = "LS1 4AP",
            ["phone"] = "07700 900000",
        },
        ["needs"] = new JsonArray("loneliness"),
        ["consent"] = new JsonObject { ["shareWithLinkWorker"] = true, ["shareWithGp"] = "none" },
        ["risk"] = new JsonObject { ["harmToSelf"] = false, ["harmToOthers"] = false, ["inCrisis"] = false },
    };

    public static string Summary(List<double> values)
    {
        if (values.Count == 0)
        {
            return "no values";
        }

        var sorted = values.Order().ToList();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * q) - 1, 0, sorted.Count - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.5):F1} ms, p99 {At(0.99):F1} ms, max {sorted[^1]:F1} ms (n={sorted.Count})");
    }
}
