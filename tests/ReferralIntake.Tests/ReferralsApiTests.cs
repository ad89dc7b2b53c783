using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

[Collection(IntakeCollection.Name)]
public sealed class ReferralsApiTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Self_referral_is_stored_and_returns_its_reference()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var id = body!["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/referrals/{id}", response.Headers.Location!.OriginalString);
        Assert.Matches("^SP-[2-9A-Z]{4}-[2-9A-Z]{4}$", body["reference"]!.GetValue<string>());
        Assert.Equal("received", body["status"]!.GetValue<string>());
        Assert.False(body["urgent"]!.GetValue<bool>());
        Assert.Null(body["crisisSupport"]);
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Self_referral_publishes_ReferralSubmitted_with_the_district_but_no_personal_details()
    {
        await using var connection = await factory.RabbitMq.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        const string exchange = "SocialPrescribing.Contracts:ReferralSubmitted";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var probe = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        await channel.QueueBindAsync(probe, exchange, "");

        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral());
        var reference = (await response.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();

        BasicGetResult? delivered = null;
        await IntakeFactory.Eventually(async () => (delivered = await channel.BasicGetAsync(probe, autoAck: true)) is not null);
        var envelope = Encoding.UTF8.GetString(delivered!.Body.Span);
        Assert.Contains(reference, envelope, StringComparison.Ordinal);
        Assert.Contains("loneliness", envelope, StringComparison.Ordinal);
        Assert.Equal("LS1", JsonNode.Parse(envelope)!["message"]!["area"]!.GetValue<string>());
        foreach (var personal in new[] { "Lovelace", "Ada", "1990-12-10", "LS1 4AP", "900123", "ada@example.org", "9434765919" })
        {
            Assert.DoesNotContain(personal, envelope, StringComparison.Ordinal);
        }

        await IntakeFactory.Eventually(async () => (await factory.CountAsync()).Pending == 0);
    }

    [Fact]
    public async Task The_accepted_referral_is_logged_with_its_postcode_erased_and_no_personal_details()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral());
        var reference = (await response.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();

        var accepted = Assert.Single(factory.Logs.GetSnapshot(), r => r.Message.Contains(reference, StringComparison.Ordinal));
        Assert.EndsWith("postcode ", accepted.Message, StringComparison.Ordinal);
        Assert.Equal("", accepted.StructuredState!.Single(p => p.Key == "Postcode").Value);
        foreach (var record in factory.Logs.GetSnapshot())
        {
            foreach (var personal in new[] { "Lovelace", "LS1 4AP", "07700 900123", "ada@example.org", "9434765919", "1990-12-10" })
            {
                Assert.DoesNotContain(personal, record.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(personal, record.Exception?.ToString() ?? "", StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_first_answer_not_a_second_referral()
    {
        var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();

        var first = await PostWithKeyAsync(client, key, Referrals.ValidSelfReferral());
        var retry = await PostWithKeyAsync(client, key, Referrals.ValidSelfReferral());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Retries_sent_at_the_same_moment_still_make_one_referral()
    {
        var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostWithKeyAsync(client, key, Referrals.ValidSelfReferral())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task The_same_key_with_a_different_referral_is_422_and_stores_nothing_more()
    {
        var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();
        await PostWithKeyAsync(client, key, Referrals.ValidSelfReferral());

        var other = await PostWithKeyAsync(client, key, Referrals.ValidSelfReferral().With(b => b["needs"] = new JsonArray("money")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, (await factory.CountAsync()).Referrals);
    }

    [Fact]
    public async Task Idempotency_keys_are_forgotten_after_the_retention_and_the_key_can_be_used_again()
    {
        var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKeyAsync(client, key, Referrals.ValidSelfReferral());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReferralDbContext>();
            await db.Set<IdempotencyRecord>().ExecuteUpdateAsync(r => r.SetProperty(x => x.CreatedAt, DateTimeOffset.UtcNow.AddHours(-25)));
        }

        var pruner = factory.Services.GetRequiredService<IdempotencyRecordPruner>();
        Assert.Equal(1, await pruner.PruneAsync(CancellationToken.None));
        Assert.Equal(0, await pruner.PruneAsync(CancellationToken.None));
        var again = await PostWithKeyAsync(client, key, Referrals.ValidSelfReferral().With(b => b["needs"] = new JsonArray("money")));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotEqual(first.Headers.Location, again.Headers.Location);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("é")]
    public async Task A_malformed_idempotency_key_is_400(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = JsonContent.Create(Referrals.ValidSelfReferral()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key.Length == 0 ? new string('k', 256) : key);

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await factory.CountAsync()).Referrals);
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string key, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Free_text_with_markup_and_sql_is_stored_exactly_as_given()
    {
        const string reason = "<script>alert('x')</script> ' OR '1'='1 -- \u00e9 \"quoted\"";
        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral().With(b => b["reason"] = reason));
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var read = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetAsync($"/api/referrals/fhir/ServiceRequest/{id}");

        // Returned as JSON data (never as HTML), so the text comes back exactly as the person wrote it.
        Assert.Equal("application/fhir+json", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(reason, JsonNode.Parse(await read.Content.ReadAsStringAsync())!["note"]![0]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("harmToSelf")]
    [InlineData("harmToOthers")]
    [InlineData("inCrisis")]
    public async Task Any_risk_answer_yes_flags_the_referral_urgent_and_returns_crisis_routes(string risk)
    {
        var body = Referrals.ValidSelfReferral().With(b => b["risk"]![risk] = true);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(created!["urgent"]!.GetValue<bool>());
        var numbers = created["crisisSupport"]!["contacts"]!.AsArray().Select(c => c!["number"]!.GetValue<string>()).ToList();
        Assert.Equal(["999", "111", "116 123"], numbers);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "{\"channel\": \"self\", ", "$" },
        { "[1, 2]", "$" },
        { Mutate(b => b["person"]!["givenName"] = 42), "person.givenName" },
        { Mutate(b => b["person"]!.AsObject().Remove("familyName")), "person.familyName" },
        { Mutate(b => b["person"]!["dateOfBirth"] = "1990-02-30"), "person.dateOfBirth" },
        { Mutate(b => b["person"]!["dateOfBirth"] = "10/12/1990"), "person.dateOfBirth" },
        { Mutate(b => b["person"]!["dateOfBirth"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd")), "person.dateOfBirth" },
        { Mutate(b => b["person"]!["dateOfBirth"] = "1850-01-01"), "person.dateOfBirth" },
        { Mutate(b => b["person"]!["postcode"] = "NOT A POSTCODE"), "person.postcode" },
        { Mutate(b => b["person"]!["postcode"] = "LS50 1AA"), "person.postcode" },
        { Mutate(b => b["person"]!["postcode"] = "LS1'; DROP TABLE referrals;--"), "person.postcode" },
        { Mutate(b => b["person"]!["phone"] = "<script>alert(1)</script>"), "person.phone" },
        { Mutate(b => b["person"]!["givenName"] = new string('A', 300)), "person.givenName" },
        { Mutate(b => b["person"]!["nhsNumber"] = "94347659AB"), "person.nhsNumber" },
        { Mutate(b => b["consent"]!["shareWithGp"] = "no"), "consent.shareWithGp" },
        { Mutate(b => b["person"]!["nhsNumber"] = "9434765918"), "person.nhsNumber" },
        { Mutate(b => b["person"]!["email"] = "not-an-email"), "person.email" },
        { Mutate(b => { b["person"]!.AsObject().Remove("phone"); b["person"]!.AsObject().Remove("email"); b["person"]!.AsObject().Remove("preferredContact"); }), "person.phone" },
        { Mutate(b => b["person"]!["favouriteColour"] = "blue"), "person.favouriteColour" },
        { Mutate(b => b["unexpected"] = true), "unexpected" },
        { Mutate(b => b["needs"] = new JsonArray()), "needs" },
        { Mutate(b => b["needs"] = new JsonArray("loneliness", "astrology")), "needs[1]" },
        { Mutate(b => b["needs"] = "loneliness"), "needs" },
        { Mutate(b => b["reason"] = new string('x', 4001)), "reason" },
        { Mutate(b => b["consent"]!["shareWithLinkWorker"] = false), "consent.shareWithLinkWorker" },
        { Mutate(b => b["consent"]!["shareWithLinkWorker"] = "yes"), "consent.shareWithLinkWorker" },
        { Mutate(b => b["consent"]!["shareWithGp"] = "everything"), "consent.shareWithGp" },
        { Mutate(b => b.Remove("risk")), "risk" },
        { Mutate(b => b["channel"] = "carrier-pigeon"), "channel" },
        { Mutate(b => b.Remove("channel")), "channel" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_referral_gets_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var response = await factory.CreateClient().PostAsync("/api/referrals", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(field), $"errors should name {field}: {problem["errors"]}");
        Assert.Equal((0, 0), await factory.CountAsync());
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var body = Referrals.ValidSelfReferral().With(b =>
        {
            b["person"]!["givenName"] = "";
            b["person"]!["postcode"] = "X";
            b["needs"] = new JsonArray();
            b["extra"] = 1;
        });

        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", body);

        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["extra", "needs", "person.givenName", "person.postcode"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Non_json_body_gets_415_and_stores_nothing()
    {
        var response = await factory.CreateClient().PostAsync("/api/referrals", new StringContent("channel=self", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal((0, 0), await factory.CountAsync());
    }

    [Fact]
    public async Task Body_over_64_KB_gets_413_and_stores_nothing()
    {
        var body = Referrals.ValidSelfReferral().With(b => b["padding"] = new string('x', 70_000));

        var response = await factory.CreateClient().PostAsync("/api/referrals",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal((0, 0), await factory.CountAsync());
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("professional")]
    public async Task Anonymous_caller_cannot_submit_staff_channels(string channel)
    {
        var body = Referrals.ValidSelfReferral().With(b =>
        {
            b["channel"] = channel;
            b["referrer"] = new JsonObject { ["name"] = "Dr Who", ["role"] = "gp", ["organisation"] = "Park Surgery" };
        });

        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((0, 0), await factory.CountAsync());
    }

    [Fact]
    public async Task Call_handler_may_submit_a_phone_referral_but_a_link_worker_may_not()
    {
        var body = Referrals.ValidSelfReferral().With(b => b["channel"] = "phone");

        var asLinkWorker = await factory.CreateClientWithToken(TestTokens.For(role: "linkworker")).PostAsJsonAsync("/api/referrals", body);
        Assert.Equal(HttpStatusCode.Forbidden, asLinkWorker.StatusCode);
        Assert.Equal((0, 0), await factory.CountAsync());

        var asCallHandler = await factory.CreateClientWithToken(TestTokens.For(role: "callhandler")).PostAsJsonAsync("/api/referrals", body);
        Assert.Equal(HttpStatusCode.Created, asCallHandler.StatusCode);
    }

    [Fact]
    public async Task Integration_client_with_referrals_write_may_submit_a_professional_referral()
    {
        var body = Referrals.ValidSelfReferral().With(b =>
        {
            b["channel"] = "professional";
            b["referrer"] = new JsonObject { ["name"] = "Dr Ann Other", ["role"] = "gp", ["organisation"] = "Park Surgery" };
        });

        var response = await factory.CreateClientWithToken(TestTokens.For(scope: "referrals:write", subject: "sp-gp-system"))
            .PostAsJsonAsync("/api/referrals", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Submitting_and_reading_a_referral_are_both_audited()
    {
        var created = await (await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral()))
            .Content.ReadFromJsonAsync<JsonObject>();
        var id = created!["id"]!.GetValue<Guid>();
        await factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "lee")).GetAsync($"/api/referrals/{id}");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.ReferralDbContext>();
        var trail = await db.Set<Messaging.Audit.AuditEntry>().Where(a => a.ResourceId == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["write", "read"], trail.Select(a => a.Action));
        Assert.Equal(["anonymous", "lee"], trail.Select(a => a.Actor));
        Assert.Equal("POST /api/referrals/", trail[0].Route);
    }

    [Fact]
    public async Task Reading_a_referral_needs_a_token_of_a_role_that_reads_referrals()
    {
        var created = await (await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral()))
            .Content.ReadFromJsonAsync<JsonObject>();
        var route = $"/api/referrals/{created!["id"]}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "provider")).GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientWithToken(TestTokens.For(role: "admin")).GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetAsync(route)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_dates_of_birth_lock_a_reference_for_a_day_counted_in_the_database_whichever_reference()
    {
        var client = factory.CreateClient();
        var created = await (await client.PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral())).Content.ReadFromJsonAsync<JsonObject>();
        var reference = created!["reference"]!.GetValue<string>();
        for (var day = 1; day <= 5; day++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/referrals/{reference}/status?dateOfBirth=1980-01-0{day}")).StatusCode);
        }

        var rightDate = await client.GetAsync($"/api/referrals/{reference}/status?dateOfBirth=1990-12-10");

        Assert.Equal(HttpStatusCode.TooManyRequests, rightDate.StatusCode);
        Assert.Equal("application/problem+json", rightDate.Content.Headers.ContentType?.MediaType);
        var retryAfter = rightDate.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        // Counted in the database (every copy of the service shares it), for references that exist or not alike.
        Assert.Equal(5, await factory.QueryAsync(db => db.StatusLookupFailures.CountAsync(f => f.Reference == reference)));
        for (var day = 1; day <= 5; day++)
        {
            await client.GetAsync($"/api/referrals/SP-2222-2222/status?dateOfBirth=1980-01-0{day}");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/referrals/SP-2222-2222/status?dateOfBirth=1990-12-10")).StatusCode);
        // A day later the reference answers again.
        await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE status_lookup_failures SET failed_at = failed_at - interval '24 hours'"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/referrals/{reference}/status?dateOfBirth=1990-12-10")).StatusCode);
    }

    [Fact]
    public async Task Status_is_found_with_reference_and_date_of_birth_and_hidden_otherwise()
    {
        var client = factory.CreateClient();
        var created = await (await client.PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral())).Content.ReadFromJsonAsync<JsonObject>();
        var reference = created!["reference"]!.GetValue<string>();

        var found = await client.GetFromJsonAsync<JsonObject>($"/api/referrals/{reference}/status?dateOfBirth=1990-12-10");
        Assert.Equal(reference, found!["reference"]!.GetValue<string>());
        Assert.Equal("received", found["status"]!.GetValue<string>());

        var wrongDate = await client.GetAsync($"/api/referrals/{reference}/status?dateOfBirth=1990-12-11");
        var wrongReference = await client.GetAsync("/api/referrals/SP-2222-2222/status?dateOfBirth=1990-12-10");
        Assert.Equal(HttpStatusCode.NotFound, wrongDate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongReference.StatusCode);
        // The two answers are the same, so a guesser learns nothing about which part was right.
        var dateProblem = await wrongDate.Content.ReadFromJsonAsync<JsonObject>();
        var referenceProblem = await wrongReference.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(dateProblem!["detail"]!.GetValue<string>(), referenceProblem!["detail"]!.GetValue<string>());
    }

    private static string Mutate(Action<JsonObject> change) => Referrals.ValidSelfReferral().With(change).ToJsonString();
}
