using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// Referral → case latency through the gateway: POST /api/referrals, then GET
// /api/cases/by-reference/{reference} on a kept-alive connection until it answers 200.
// Usage: dotnet run --project bench/ReferralLatency -c Release -- [gateway-url] [count]
//        dotnet run --project bench/ReferralLatency -c Release -- [gateway-url] paced RATE SECONDS CASEDB
// The paced form sends RATE referrals a second for SECONDS (not waiting for answers; after five seconds at
// that rate that are not counted) and reads when each case was written from Case Management's database
// (CASEDB, a connection string). PACED_TIMELINE=file also writes each referral's times to that file.
var gateway = new Uri(args.Length > 0 ? args[0] : "http://localhost:8080");
if (args.Length > 1 && args[1] == "paced")
{
    await SocialPrescribing.Bench.PacedReferrals.RunAsync(gateway, int.Parse(args[2], CultureInfo.InvariantCulture),
        int.Parse(args[3], CultureInfo.InvariantCulture), args[4]);
    return;
}

var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;

using var client = new HttpClient { BaseAddress = gateway };
// Cases are for link workers: sign in as the development link worker first.
using var tokenResponse = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
{
    ["grant_type"] = "password", ["client_id"] = "sp-cli", ["username"] = "linkworker", ["password"] = "Dev-Passw0rd!", ["scope"] = "openid roles api",
}));
tokenResponse.EnsureSuccessStatusCode();
var accessToken = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
var body = JsonNode.Parse("""
    {"channel":"self","person":{"givenName":"Bench","familyName":"Mark","dateOfBirth":"1980-01-01","postcode":"LS1 4AP",
     "phone":"07700 900000"},"needs":["loneliness"],"consent":{"shareWithLinkWorker":true,"shareWithGp":"none"},
     "risk":{"harmToSelf":false,"harmToOthers":false,"inCrisis":false}}
    """)!;

var submit = new List<double>();
var toCase = new List<double>();
for (var i = 0; i <= count; i++)
{
    // A new person each round: a repeat of one person would join the first case instead of opening one.
    body["person"]!["familyName"] = "Mark" + string.Concat(i.ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));
    var clock = Stopwatch.StartNew();
    using var created = await client.PostAsJsonAsync("/api/referrals", body);
    created.EnsureSuccessStatusCode();
    var reference = (await created.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
    var submitted = clock.Elapsed.TotalMilliseconds;
    while (true)
    {
        using var found = await client.GetAsync(new Uri($"/api/cases/by-reference/{reference}", UriKind.Relative));
        if (found.StatusCode == HttpStatusCode.OK)
        {
            break;
        }

        if (clock.Elapsed > TimeSpan.FromSeconds(30))
        {
            throw new TimeoutException($"No case for {reference} after 30 s.");
        }
    }

    // The first round warms up connections and the JIT; it is not counted.
    if (i > 0)
    {
        submit.Add(submitted);
        toCase.Add(clock.Elapsed.TotalMilliseconds);
    }
}

Console.WriteLine($"POST /api/referrals (n={count}):      {Summary(submit)}");
Console.WriteLine($"referral → case visible (n={count}): {Summary(toCase)}");

static string Summary(List<double> values)
{
    var sorted = values.Order().ToList();
    var median = (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    var p95 = sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1];
    return string.Create(CultureInfo.InvariantCulture, $"median {median:F1} ms, p95 {p95:F1} ms, min {sorted[0]:F1} ms, max {sorted[^1]:F1} ms");
}
