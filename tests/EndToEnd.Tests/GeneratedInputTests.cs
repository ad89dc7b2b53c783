using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CsCheck;
using Npgsql;
using Xunit.Abstractions;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// Thousands of generated malformed requests (CsCheck) against every operation in every service's
/// OpenAPI document and the public forms, through the gateway, as anyone, with forged tokens or as
/// each staff role: never a 5xx, every refusal of an API call a problem response, nothing stored.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class GeneratedInputTests(SuiteFixture suite, ITestOutputHelper output)
{
    private const int Requests = 10_000;

    private static readonly string[] Services = ["/api/referrals", "/api/cases", "/api/directory", "/api/wellbeing"];

    // Tables a refused request may not change; the audit trail records reads by design (and its seals follow
    // the entries, sealed in the background), and so does the log of staff searches for people (with their terms);
    // the daily retention job writes its runs (and any audit prune) by itself.
    private static readonly string[] NotCounted = ["__ef_migrations_history", "audit_entries", "audit_seals", "audit_prunes", "person_searches", "retention_runs"];

    private static readonly string[] Databases =
        [ResourceNames.ReferralDb, ResourceNames.CaseDb, ResourceNames.DirectoryDb, ResourceNames.WellbeingDb, ResourceNames.IdentityDb, ResourceNames.NotificationsDb];

    [Fact]
    public async Task Generated_bad_requests_never_get_a_5xx_and_store_nothing()
    {
        var operations = await OperationsAsync();
        var tokens = new Dictionary<string, string?> { ["anonymous"] = null };
        foreach (var role in new[] { "callhandler", "linkworker", "provider", "manager", "admin" })
        {
            using var signedIn = await suite.SignedInAsync(role);
            tokens[role] = signedIn.DefaultRequestHeaders.Authorization!.Parameter;
            // A link worker joins the team's roster with their first call (by design): make it before counting.
            await signedIn.GetAsync("/api/cases/counts");
        }

        foreach (var (name, forged) in ForgedTokens(tokens["admin"]!))
        {
            tokens[name] = forged;
        }

        var before = await RowCountsAsync();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = suite.App.GetEndpoint(ResourceNames.Gateway, "http"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var statuses = new ConcurrentDictionary<int, int>();
        var sent = 0;
        var refusedByKestrel = 0;

        await GenRequest(operations, tokens).SampleAsync(async request =>
        {
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message);
            Interlocked.Increment(ref sent);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for {request}: {await response.Content.ReadAsStringAsync()}");
            // Kestrel refuses some requests itself (a NUL in the path), before any middleware: a bare
            // 400, empty, closing the connection. Every answer the suite's own code gives is a problem.
            var answeredByTheSuite = response.Headers.ConnectionClose != true || response.Content.Headers.ContentLength != 0;
            if (!answeredByTheSuite)
            {
                Interlocked.Increment(ref refusedByKestrel);
                Assert.Equal(400, status);
            }
            else if (request.Operation.IsApi && status >= 400)
            {
                // FHIR endpoints answer in FHIR's own form of a problem, an OperationOutcome.
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                Assert.True(mediaType == "application/problem+json"
                            || (mediaType == "application/fhir+json" && (await response.Content.ReadAsStringAsync()).Contains("\"OperationOutcome\"", StringComparison.Ordinal)),
                    $"{status} without a problem body ({response.Content.Headers.ContentType}) for {request}");
            }
        }, iter: Requests, threads: 4, print: r => r.ToString());

        await SuiteFixture.Eventually(async () => (await suite.CountAsync(ResourceNames.ReferralDb, "outbox_messages")) == 0, TimeSpan.FromSeconds(30));
        var after = await RowCountsAsync();
        var changed = after.Where(t => before.GetValueOrDefault(t.Key) != t.Value).Select(t => $"{t.Key}: {before.GetValueOrDefault(t.Key)} → {t.Value}").ToList();
        output.WriteLine($"Generated input: {sent} generated bad requests across {operations.Count} operations, 0 5xx, " +
                         $"{(changed.Count == 0 ? "nothing stored" : "stored: " + string.Join(", ", changed))}; " +
                         $"{refusedByKestrel} refused by the web server before the suite's code; answers " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        Assert.True(sent >= Requests, $"only {sent} requests were sent");
        Assert.Empty(changed);
    }

    /// <summary>Every operation in the services' OpenAPI documents, and the public forms and token endpoint.</summary>
    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        var operations = new List<Operation>();
        foreach (var service in Services)
        {
            var document = JsonNode.Parse(await suite.Gateway.GetStringAsync($"{service}/openapi/v1.json"))!;
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject())
                {
                    if (method is "parameters" or "summary" or "description")
                    {
                        continue;
                    }

                    var parameters = operation!["parameters"]?.AsArray().Select(p => (Name: p!["name"]!.GetValue<string>(), In: p["in"]!.GetValue<string>())).ToList() ?? [];
                    var properties = PropertiesOf(document, operation["requestBody"]?["content"]?.AsObject().FirstOrDefault().Value?["schema"]);
                    operations.Add(new Operation(method.ToUpperInvariant(), path, IsApi: true,
                        [.. parameters.Where(p => p.In == "query").Select(p => p.Name)], properties));
                }
            }
        }

        Assert.True(operations.Count > 40, $"only {operations.Count} operations found in the OpenAPI documents");
        // Not in the documents: the public HTML forms and the token endpoint (they answer in HTML or OAuth's format).
        operations.Add(new Operation("POST", "/refer", IsApi: false, [], ["givenName", "familyName", "dateOfBirth", "postcode", "phone", "consent"]));
        operations.Add(new Operation("POST", "/refer/professional", IsApi: false, [], ["givenName", "familyName", "nhsNumber", "reason"]));
        operations.Add(new Operation("GET", "/referral-status", IsApi: false, ["reference", "dateOfBirth"], []));
        operations.Add(new Operation("POST", "/connect/token", IsApi: false, [], ["grant_type", "client_id", "username", "password", "scope"]));
        return operations;
    }

    private static IReadOnlyList<string> PropertiesOf(JsonNode document, JsonNode? schema)
    {
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]?["schemas"]?[reference.Split('/')[^1]];
        }

        return schema?["properties"]?.AsObject().Select(p => p.Key).ToList() is { Count: > 0 } names
            ? names
            : ["person", "givenName", "id", "text", "responses", "startsAt", "status", "name"];
    }

    private static Gen<GeneratedRequest> GenRequest(IReadOnlyList<Operation> operations, Dictionary<string, string?> tokens) =>
        from operation in Gen.OneOf([.. operations])
        from identity in Gen.OneOf([.. tokens.Keys])
        from path in PathGen(operation.Path)
        from query in QueryGen(operation.QueryParameters)
        from body in BodyGen(operation.Properties)
        from contentType in Gen.Frequency(
            (6, Gen.Const<string?>(operation.Path == "/connect/token" || !operation.IsApi ? "application/x-www-form-urlencoded" : "application/json")),
            (1, Gen.OneOf<string?>(null, "text/plain", "application/xml", "multipart/form-data; boundary=x",
                "application/json; charset=latin1", "application/x-www-form-urlencoded", "foo/bar;;;=", "application/json; charset=utf-32", "application/merge-patch+json")))
        select new GeneratedRequest(operation, identity, tokens[identity], path + query, contentType, operation.Method == "GET" ? null : body);

    /// <summary>The path with each {parameter} replaced by something that is not what it should be (or a random id).</summary>
    private static Gen<string> PathGen(string template)
    {
        var segments = template.Split('/');
        var gens = segments.Select(segment => segment.StartsWith('{')
            ? Junk.Select(Escape)
            : Gen.Const(segment)).ToArray();
        return gens.Aggregate(Gen.Const(""), (acc, next) => acc.SelectMany(prefix => next.Select(s => prefix.Length == 0 && s.Length == 0 ? "" : prefix + "/" + s)))
            .Select(p => p.StartsWith('/') ? p : "/" + p);
    }

    /// <summary>Percent-encodes a value; a lone surrogate becomes the bytes of one (invalid UTF-8), as a hostile client sends it.</summary>
    private static string Escape(string value)
    {
        var escaped = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                escaped.Append(Uri.EscapeDataString(value.Substring(i++, 2)));
            }
            else
            {
                escaped.Append(char.IsSurrogate(value[i]) ? "%ED%A0%80" : Uri.EscapeDataString(value[i].ToString()));
            }
        }

        return escaped.ToString();
    }

    private static Gen<string> QueryGen(IReadOnlyList<string> names) =>
        names.Count == 0
            ? Gen.OneOf("", "?x=" + Uri.EscapeDataString("\u0000"), "?%zz=1")
            : Gen.Int[0, names.Count].SelectMany(count => Junk.Array[count].Select(values =>
                values.Length == 0 ? "" : "?" + string.Join("&", values.Select((v, i) => $"{names[i]}={Escape(v)}"))));

    /// <summary>Values that are wrong for almost any field: random ids, numbers, dates, huge or control-character strings.</summary>
    private static readonly Gen<string> Junk = Gen.Frequency(
        (3, Gen.Guid.Select(g => g.ToString())),
        (2, Gen.String[Gen.Char, 0, 40]),
        (2, Gen.Char['\u0000', '\u001f'].Array[1, 10].Select(c => "a" + new string(c))),
        (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("", " ", "-1", "0", "9999-99-99", "2026-02-30", "1e309", "NaN", "true", "null", "../..", "%00", "SP-0000-0000",
            "<script>alert(1)</script>", "' OR 1=1 --", "\ud800", "me", "nobody", "ＬＳ１")),
        (1, Gen.Int[1_000, 6_000].Select(n => new string('x', n))));

    private static Gen<byte[]> BodyGen(IReadOnlyList<string> known) => BodyGenFor(known.Count > 0 ? known : ["value"]);

    private static Gen<byte[]> BodyGenFor(IReadOnlyList<string> properties) => Gen.Frequency(
        // Each known field with a value of a wrong type (or a right type with junk in it).
        (5, Gen.Int[1, properties.Count].SelectMany(count => JsonValueGen(3).Array[count].Select(values =>
            Encoding.UTF8.GetBytes(new JsonObject(properties.Take(count).Select((p, i) => KeyValuePair.Create(p, values[i]))).ToJsonString())))),
        (1, Gen.OneOf("{}", "[]", "null", "true", "0", "\"text\"", "", "{", "{\"person\":", "{\"a\":1,}", "{'a':1}", "\u0000")
            .Select(Encoding.UTF8.GetBytes)),
        // Not UTF-8 at all, inside a string or on its own.
        (1, Gen.OneOf(new byte[] { 0xC3, 0x28 }, [0xFF, 0xFE, 0xFD], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80])
            .Select(bad => Encoding.UTF8.GetBytes($"{{\"{properties[0]}\":\"").Concat(bad).Concat("\"}"u8.ToArray()).ToArray())),
        (1, Gen.Byte.Array[1, 200]),
        // Deep nesting, past any parser's limit.
        (1, Gen.Int[65, 5_000].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))),
        (1, Gen.Int[65, 2_000].Select(depth => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)))),
        // Huge: a field of a few hundred kilobytes, or a body past the limits.
        (1, Gen.Int[100_000, 3_000_000].Select(size => Encoding.UTF8.GetBytes($"{{\"{properties[0]}\":\"{new string('A', size)}\"}}"))));

    private static Gen<JsonNode?> JsonValueGen(int depth) => depth == 0
        ? Gen.Frequency(
            (3, Junk.Select(s => (JsonNode?)JsonValue.Create(s))),
            (1, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))),
            (1, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create(0.5))),
            (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
            (1, Gen.Const((JsonNode?)null)))
        : Gen.Frequency(
            (4, JsonValueGen(0)),
            (1, JsonValueGen(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))),
            (1, Gen.Select(Junk.Array[0, 4], JsonValueGen(depth - 1).Array[4], (keys, values) =>
                (JsonNode?)new JsonObject(keys.Distinct().Select((k, i) => KeyValuePair.Create(k, values[i]))))));

    /// <summary>Tokens that must not be accepted: unsigned, re-signed, truncated, expired-looking, garbage.</summary>
    private static IEnumerable<(string Name, string Token)> ForgedTokens(string real)
    {
        var parts = real.Split('.');
        static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        yield return ("forged: alg none", $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.");
        yield return ("forged: admin claims, bad signature", $"{parts[0]}.{B64("{\"sub\":\"x\",\"role\":\"admin\",\"exp\":4102444800}")}.{parts[^1]}");
        yield return ("forged: truncated", real[..(real.Length / 2)]);
        yield return ("forged: garbage", "not-a-token");
        yield return ("forged: HS256 with a guessed key", $"{B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")}.{parts[1]}.{B64("signature")}");
    }

    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var database in Databases)
        {
            await using var connection = new NpgsqlConnection(await suite.App.GetConnectionStringAsync(database) + ";Pooling=false");
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables.Where(t => !NotCounted.Contains(t)))
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
                counts[$"{database}.{table}"] = (long)(await count.ExecuteScalarAsync())!;
            }
        }

        return counts;
    }

    public sealed record Operation(string Method, string Path, bool IsApi, IReadOnlyList<string> QueryParameters, IReadOnlyList<string> Properties)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    public sealed record GeneratedRequest(Operation Operation, string Identity, string? Token, string Target, string? ContentType, byte[]? Body)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(new HttpMethod(Operation.Method), new Uri(Target, UriKind.Relative));
            if (Token is not null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
            }

            // Each request from its own address: the public rate limits are per client, and this is not a flood test.
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
            if (Body is not null)
            {
                // A body past the gateway's limit is refused (413) before it is read; asking first
                // (Expect: 100-continue) keeps the refusal from racing the upload into a reset connection.
                message.Headers.ExpectContinue = Body.Length > 64 * 1024;
                message.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            return message;
        }

        public override string ToString() =>
            $"{Operation.Method} {(Target.Length > 200 ? Target[..200] + "…" : Target)} as {Identity}, {ContentType ?? "no content type"}, " +
            $"body {(Body is null ? "none" : Body.Length > 300 ? $"{Body.Length} bytes: {Encoding.UTF8.GetString(Body[..300])}…" : Encoding.UTF8.GetString(Body))}";
    }
}
