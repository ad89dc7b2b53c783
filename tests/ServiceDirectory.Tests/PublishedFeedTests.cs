using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>
/// The Open Referral UK profile's and HSDS 3's published service examples (Examples/SOURCES.md) imported as they are, and
/// read back through the ORUK API: every field they carry comes back, field by field.
/// </summary>
[Collection(DirectoryCollection.Name)]
public sealed class PublishedFeedTests(DirectoryFactory factory) : IAsyncLifetime
{
    private static readonly Guid OrganizationId = Guid.Parse("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610");

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => factory.RemoveOrganizationsAsync([OrganizationId]);

    [Theory]
    [InlineData("oruk-uk/service_full.json")]
    [InlineData("hsds/service_full.json")]
    public async Task A_published_example_imports_and_comes_back_without_losing_a_field(string file)
    {
        var record = Example(file);

        var imported = await Admin().PostAsync("/api/directory/import", Json(new JsonArray(record.DeepClone())));

        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var back = (await Admin().GetFromJsonAsync<JsonObject>($"/api/directory/services/{record["id"]}"))!;
        Assert.Equal([], Differences(record, back, ""));
    }

    [Fact]
    public async Task What_is_kept_but_not_used_is_reported_and_the_unmapped_need_is_listed_for_an_admin()
    {
        var hsds = await ImportAsync("hsds/service_full.json");
        var warnings = hsds["warnings"]!.AsArray().Single()!["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Contains(warnings, w => w.StartsWith("/service_at_locations/0/location: latitude 100", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("/attributes/0: 'code' (name) is not one of the directory's needs", StringComparison.Ordinal));

        var page = await AdminPage().GetStringAsync("/admin/directory");
        var mapping = page[page.IndexOf("id=\"needs-mapping\"", StringComparison.Ordinal)..];
        Assert.Contains("/admin/directory/services/ac148810-d857-441c-9679-408f346de14b", mapping, StringComparison.Ordinal);

        var oruk = await ImportAsync("oruk-uk/service_full.json");
        warnings = [.. oruk["warnings"]!.AsArray().Single()!["warnings"]!.AsArray().Select(w => w!.GetValue<string>())];
        Assert.Contains(warnings, w => w.StartsWith("/service_at_locations/0: names no location", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("/languages/0: has neither name nor code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_public_page_shows_how_to_join_and_unknown_places_are_not_full()
    {
        await ImportAsync("hsds/service_full.json");

        var page = await factory.CreateClient().GetStringAsync("/directory/services/ac148810-d857-441c-9679-408f346de14b");
        var record = (await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/directory/services/ac148810-d857-441c-9679-408f346de14b"))!;

        Assert.Contains("If you are an NHS patient please ask your GP for a referral letter", page, StringComparison.Ordinal);
        Assert.Contains("This service is intended for all people aged 12 and over", page, StringComparison.Ordinal);
        Assert.Contains("Interpretation services are available in Urdu", page, StringComparison.Ordinal);
        // The feed gave no capacity: unknown, never "full".
        Assert.Contains("Ask the service whether it has places", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Full at the moment", page, StringComparison.Ordinal);
        Assert.Null(record["capacity"]!["available"]);
        Assert.Null(record["capacity"]!["maximum"]);
    }

    [Fact]
    public async Task An_import_over_16_MB_is_413_and_stores_nothing()
    {
        var huge = new StringBuilder("[");
        huge.Append(new string(' ', 16 * 1024 * 1024));
        huge.Append(']');

        var response = await Admin().PostAsync("/api/directory/import", new StringContent(huge.ToString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonObject> ImportAsync(string file)
    {
        var imported = await Admin().PostAsync("/api/directory/import", Json(new JsonArray(Example(file))));
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        return (await imported.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private HttpClient AdminPage()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(role: "admin", subject: "ada-admin"));
        return client;
    }

    /// <summary>Every value of <paramref name="sent"/> that <paramref name="back"/> lacks or holds otherwise, by JSON pointer.</summary>
    internal static List<string> Differences(JsonNode? sent, JsonNode? back, string at)
    {
        switch (sent)
        {
            case JsonObject o:
                return back is JsonObject b
                    ? [.. o.SelectMany(p => p.Key == "last_modified" ? [] : Differences(p.Value, b[p.Key], $"{at}/{p.Key}"))]
                    : [$"{at}: an object was sent, {Show(back)} came back"];
            case JsonArray a:
                if (back is not JsonArray ba)
                {
                    return [$"{at}: an array was sent, {Show(back)} came back"];
                }

                // Records in arrays are matched by id (the order is the directory's); plain values by position.
                return [.. a.SelectMany((item, i) => item is JsonObject { } withId && withId["id"] is { } id
                    ? Differences(item, ba.FirstOrDefault(x => x?["id"]?.ToJsonString() == id.ToJsonString()), $"{at}/{i}")
                    : Differences(item, i < ba.Count ? ba[i] : null, $"{at}/{i}"))];
            case null:
                return back is null ? [] : [];
            default:
                return SameValue(sent, back) ? [] : [$"{at}: {sent.ToJsonString()} was sent, {Show(back)} came back"];
        }
    }

    private static bool SameValue(JsonNode sent, JsonNode? back) =>
        back is not null && (sent.ToJsonString() == back.ToJsonString()
                             || (sent.GetValueKind() == JsonValueKind.Number && back.GetValueKind() == JsonValueKind.Number
                                 && sent.GetValue<decimal>() == back.GetValue<decimal>()));

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "nothing";

    private HttpClient Admin() => factory.CreateClientWithToken(TestTokens.For(role: "admin", subject: "ada-admin"));

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    internal static JsonObject Example(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", file)))!.AsObject();
}
