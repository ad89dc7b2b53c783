using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SocialPrescribing.ServiceDirectory.Tests;

[Collection(DirectoryCollection.Name)]
public sealed class ServicesApiTests(DirectoryFactory factory)
{
    [Fact]
    public async Task Services_list_uses_the_oruk_page_wrapper_over_at_least_30_seeded_services()
    {
        var page = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/directory/services?per_page=10&page=2");

        Assert.True(page!["total_items"]!.GetValue<int>() >= 30);
        Assert.Equal(2, page["page_number"]!.GetValue<int>());
        Assert.Equal(10, page["size"]!.GetValue<int>());
        Assert.False(page["first_page"]!.GetValue<bool>());
        Assert.False(page["empty"]!.GetValue<bool>());
        Assert.Equal((page["total_items"]!.GetValue<int>() + 9) / 10, page["total_pages"]!.GetValue<int>());
        var service = page["contents"]![0]!;
        foreach (var field in new[] { "id", "name", "description", "status", "organization" })
        {
            Assert.NotNull(service[field]);
        }

        Assert.NotNull(service["organization"]!["name"]);
        Assert.NotNull(service["capacity"]!["waitDays"]);
    }

    [Fact]
    public async Task Search_finds_services_by_words_in_name_or_description()
    {
        var page = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/directory/services?search=allotment");

        var names = page!["contents"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Allotment Growing Club", names);
        Assert.All(page["contents"]!.AsArray(), s =>
            Assert.Contains("allotment", (s!["name"] + " " + s["description"]).ToLowerInvariant(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Age_filters_keep_services_a_person_of_that_age_can_use()
    {
        var page = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/directory/services?minimum_age=10&maximum_age=10&per_page=200");

        var services = page!["contents"]!.AsArray();
        Assert.NotEmpty(services);
        Assert.All(services, s =>
        {
            Assert.True(s!["minimum_age"] is null || s["minimum_age"]!.GetValue<int>() <= 10);
            Assert.True(s["maximum_age"] is null || s["maximum_age"]!.GetValue<int>() >= 10);
        });
        Assert.Contains(services, s => s!["name"]!.GetValue<string>() == "Young Carers Club");
    }

    [Theory]
    [InlineData("per_page=0", "per_page")]
    [InlineData("per_page=5000", "per_page")]
    [InlineData("page=0", "page")]
    [InlineData("minimum_age=-1", "minimum_age")]
    public async Task Bad_query_gets_400_naming_the_parameter(string query, string parameter)
    {
        var response = await factory.CreateClient().GetAsync($"/api/directory/services?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(parameter));
    }

    [Fact]
    public async Task The_open_feed_may_be_read_from_any_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/services?per_page=1");
        request.Headers.Add("Origin", "https://another-council.example");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Root_names_the_oruk_version()
    {
        var root = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/directory/");

        Assert.Equal("3.0", root!["version"]!.GetValue<string>());
        Assert.NotNull(root["openapi_url"]);
    }
}
