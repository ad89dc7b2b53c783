using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Tests;

[Collection(DirectoryCollection.Name)]
public sealed class ServicesApiTests(DirectoryFactory factory)
{
    private async Task<JsonObject> GetAsync(string path) =>
        (await factory.CreateClient().GetFromJsonAsync<JsonObject>(path))!;

    private static List<JsonNode> Contents(JsonObject page) => [.. page["contents"]!.AsArray().Select(s => s!)];

    private static IEnumerable<string> NeedCodes(JsonNode service) =>
        service["attributes"]!.AsArray().Select(a => a!["taxonomy_term"]!["code"]!.GetValue<string>());

    [Fact]
    public async Task Services_list_uses_the_oruk_page_wrapper_over_the_demonstration_directory()
    {
        var page = await GetAsync("/api/directory/services?per_page=10&page=2&status=all");

        Assert.True(page["total_items"]!.GetValue<int>() >= 200);
        Assert.Equal(2, page["page_number"]!.GetValue<int>());
        Assert.Equal(10, page["size"]!.GetValue<int>());
        Assert.False(page["first_page"]!.GetValue<bool>());
        Assert.False(page["last_page"]!.GetValue<bool>());
        Assert.False(page["empty"]!.GetValue<bool>());
        Assert.Equal((page["total_items"]!.GetValue<int>() + 9) / 10, page["total_pages"]!.GetValue<int>());
        var service = Contents(page)[0];
        Assert.NotNull(service["organization"]!["name"]);
        Assert.NotNull(service["capacity"]!["waitDays"]);
    }

    [Fact]
    public async Task Every_answer_validates_against_the_oruk_3_schemas()
    {
        var services = await GetAsync("/api/directory/services?per_page=200&status=all");
        Assert.Equal(200, Contents(services).Count);
        foreach (var service in Contents(services))
        {
            OrukSchemas.AssertValid("compiled/service_list.json", service);
        }

        foreach (var id in Contents(services).Take(25).Select(s => s["id"]!.GetValue<string>()))
        {
            var full = await GetAsync($"/api/directory/services/{id}");
            OrukSchemas.AssertValid("compiled/service.json", full);
            Assert.NotEmpty(full["service_at_locations"]!.AsArray());
            Assert.NotEmpty(full["schedules"]!.AsArray());
            Assert.NotEmpty(full["contacts"]!.AsArray());
        }

        var places = await GetAsync("/api/directory/service_at_locations?per_page=50&postcode=LS1%204AP");
        foreach (var place in Contents(places))
        {
            OrukSchemas.AssertValid("compiled/service_at_location_list.json", place);
        }

        var one = await GetAsync($"/api/directory/service_at_locations/{Contents(places)[0]["id"]}");
        OrukSchemas.AssertValid("compiled/service_at_location.json", one);

        var taxonomies = await GetAsync("/api/directory/taxonomies");
        foreach (var taxonomy in Contents(taxonomies))
        {
            OrukSchemas.AssertValid("taxonomy.json", taxonomy);
            OrukSchemas.AssertValid("taxonomy.json", await GetAsync($"/api/directory/taxonomies/{taxonomy["id"]}"));
        }

        var terms = await GetAsync("/api/directory/taxonomy_terms?per_page=100");
        Assert.True(Contents(terms).Count >= 12);
        foreach (var term in Contents(terms))
        {
            OrukSchemas.AssertValid("taxonomy_term.json", term);
        }

        OrukSchemas.AssertValid("taxonomy_term.json", await GetAsync($"/api/directory/taxonomy_terms/{Contents(terms)[0]["id"]}"));

        var organizations = await GetAsync("/api/directory/organizations?per_page=20");
        Assert.Equal(20, Contents(organizations).Count);
        foreach (var organization in Contents(organizations))
        {
            OrukSchemas.AssertValid("compiled/organization_list.json", organization);
        }

        OrukSchemas.AssertValid("compiled/organization.json", await GetAsync($"/api/directory/organizations/{Contents(organizations)[0]["id"]}"));
    }

    [Fact]
    public async Task The_demonstration_directory_covers_at_least_twelve_needs_in_several_towns()
    {
        var terms = Contents(await GetAsync("/api/directory/taxonomy_terms?per_page=100"));
        var covered = 0;
        foreach (var term in terms)
        {
            var page = await GetAsync($"/api/directory/services?taxonomy_term_id={term["id"]}&per_page=1");
            covered += page["total_items"]!.GetValue<int>() > 0 ? 1 : 0;
        }

        Assert.True(covered >= 12, $"{covered} needs have services");
        var towns = Contents(await GetAsync("/api/directory/service_at_locations?per_page=200"))
            .Select(p => p["location"]!["addresses"]![0]!["city"]!.GetValue<string>())
            .Distinct()
            .ToList();
        Assert.True(towns.Count >= 5, string.Join(", ", towns));
    }

    [Fact]
    public async Task Someone_near_LS1_looking_for_company_finds_nearby_groups_nearest_first()
    {
        var page = await GetAsync("/api/directory/services?postcode=LS1%204AP&proximity=5000&taxonomy_term_id=loneliness&per_page=100");

        var services = Contents(page);
        Assert.NotEmpty(services);
        var distances = services.Select(s => s["distance"]!.GetValue<int>()).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.All(distances, d => Assert.InRange(d, 0, 5000));
        Assert.All(services, s => Assert.Contains("loneliness", NeedCodes(s)));
        Assert.All(services, s => Assert.Equal("active", s["status"]!.GetValue<string>()));

        // Further away: more services, still nearest first, and the near ones come first.
        var wider = Contents(await GetAsync("/api/directory/services?postcode=LS1&taxonomy_term_id=loneliness&per_page=200"));
        Assert.True(wider.Count > services.Count);
        Assert.Equal(services[0]["id"]!.GetValue<string>(), wider[0]["id"]!.GetValue<string>());
        Assert.Contains(wider, s => s["distance"]!.GetValue<int>() > 30_000); // York, Sheffield
    }

    [Fact]
    public async Task Services_not_checked_for_three_months_are_flagged_stale_and_can_be_listed_for_checking()
    {
        var stale = Contents(await GetAsync("/api/directory/services?stale=true&per_page=200&status=all"));
        var fresh = Contents(await GetAsync("/api/directory/services?stale=false&per_page=200&status=all"));

        var cutoff = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-3);
        Assert.NotEmpty(stale);
        Assert.NotEmpty(fresh);
        Assert.All(stale, s =>
        {
            Assert.True(s["stale"]!.GetValue<bool>());
            Assert.True(DateOnly.Parse(s["assured_date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) < cutoff);
        });
        Assert.All(fresh, s =>
        {
            Assert.False(s["stale"]!.GetValue<bool>());
            Assert.True(DateOnly.Parse(s["assured_date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= cutoff);
        });
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_and_still_says_how_many_there_are()
    {
        var first = await GetAsync("/api/directory/services?taxonomy_term_id=debt&per_page=5");
        var total = first["total_items"]!.GetValue<int>();

        var beyond = await GetAsync($"/api/directory/services?taxonomy_term_id=debt&per_page=5&page={(total / 5) + 2}");

        Assert.True(total > 5);
        Assert.True(beyond["empty"]!.GetValue<bool>());
        Assert.Equal(total, beyond["total_items"]!.GetValue<int>());
        var last = await GetAsync($"/api/directory/services?taxonomy_term_id=debt&per_page=5&page={(total + 4) / 5}");
        Assert.True(last["last_page"]!.GetValue<bool>());
        Assert.Equal(total - (((total + 4) / 5) - 1) * 5, last["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Services_at_locations_are_found_by_distance_too()
    {
        var places = Contents(await GetAsync("/api/directory/service_at_locations?postcode=YO1&proximity=3000&per_page=100"));

        Assert.NotEmpty(places);
        Assert.All(places, p => Assert.Equal("York", p["location"]!["addresses"]![0]!["city"]!.GetValue<string>()));
        var distances = places.Select(p => p["distance"]!.GetValue<int>()).ToList();
        Assert.Equal(distances.Order(), distances);
    }

    [Fact]
    public async Task Words_find_services_by_name_or_description_best_match_first()
    {
        var services = Contents(await GetAsync("/api/directory/services?search=walking%20football&status=all"));

        Assert.NotEmpty(services);
        Assert.StartsWith("Walking Football", services[0]["name"]!.GetValue<string>(), StringComparison.Ordinal);

        var allotments = Contents(await GetAsync("/api/directory/services?search=allotments&status=all"));
        Assert.NotEmpty(allotments);
        Assert.All(allotments, s =>
            Assert.Contains("allotment", (s["name"] + " " + s["description"]).ToLowerInvariant(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Age_filters_keep_services_a_person_of_that_age_can_use()
    {
        var services = Contents(await GetAsync("/api/directory/services?minimum_age=10&maximum_age=10&per_page=200"));

        Assert.NotEmpty(services);
        Assert.All(services, s =>
        {
            Assert.True(s["minimum_age"] is null || s["minimum_age"]!.GetValue<int>() <= 10);
            Assert.True(s["maximum_age"] is null || s["maximum_age"]!.GetValue<int>() >= 10);
        });
        Assert.Contains(services, s => s["name"]!.GetValue<string>().StartsWith("Young Carers Club", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Day_and_time_keep_services_open_then()
    {
        var saturday = Contents(await GetAsync("/api/directory/services?day=saturday&per_page=200"));
        Assert.NotEmpty(saturday);
        foreach (var id in saturday.Take(10).Select(s => s["id"]))
        {
            var schedules = (await GetAsync($"/api/directory/services/{id}"))["schedules"]!.AsArray();
            Assert.Contains(schedules, x => x!["byday"]!.GetValue<string>().Contains("SA", StringComparison.Ordinal));
        }

        var evenings = Contents(await GetAsync("/api/directory/services?day=TH&start_time=17:30&end_time=21:00&per_page=200"));
        Assert.NotEmpty(evenings);
        foreach (var id in evenings.Take(10).Select(s => s["id"]))
        {
            var schedules = (await GetAsync($"/api/directory/services/{id}"))["schedules"]!.AsArray();
            Assert.Contains(schedules, x => x!["byday"]!.GetValue<string>().Contains("TH", StringComparison.Ordinal)
                                           && string.CompareOrdinal(x["closes_at"]!.GetValue<string>(), "17:30:00") > 0);
        }
    }

    [Fact]
    public async Task Only_active_services_are_listed_unless_asked()
    {
        var active = await GetAsync("/api/directory/services?per_page=1");
        var all = await GetAsync("/api/directory/services?per_page=200&status=all");

        Assert.True(all["total_items"]!.GetValue<int>() > active["total_items"]!.GetValue<int>());
        Assert.Contains(Contents(all), s => s["status"]!.GetValue<string>() != "active");
        var closed = Contents(await GetAsync("/api/directory/services?status=temporarily%20closed"));
        Assert.All(closed, s => Assert.Equal("temporarily closed", s["status"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/directory/services?per_page=0", "per_page")]
    [InlineData("/api/directory/services?per_page=5000", "per_page")]
    [InlineData("/api/directory/services?per_page=lots", "per_page")]
    [InlineData("/api/directory/services?page=0", "page")]
    [InlineData("/api/directory/services?page=two", "page")]
    [InlineData("/api/directory/services?minimum_age=-1", "minimum_age")]
    [InlineData("/api/directory/services?minimum_age=40&maximum_age=20", "maximum_age")]
    [InlineData("/api/directory/services?postcode=ZZ99%209ZZ", "postcode")]
    [InlineData("/api/directory/services?postcode=LS1&proximity=-5", "proximity")]
    [InlineData("/api/directory/services?proximity=1000", "proximity")]
    [InlineData("/api/directory/services?day=someday", "day")]
    [InlineData("/api/directory/services?day=MO&start_time=25:00", "start_time")]
    [InlineData("/api/directory/services?start_time=12:00&end_time=10:00", "end_time")]
    [InlineData("/api/directory/services?taxonomy_term_id=not-a-need", "taxonomy_term_id")]
    [InlineData("/api/directory/services?taxonomy_term_id=%3Cscript%3E", "taxonomy_term_id")]
    [InlineData("/api/directory/services?status=open", "status")]
    [InlineData("/api/directory/services?stale=maybe", "stale")]
    [InlineData("/api/directory/service_at_locations?postcode=nowhere", "postcode")]
    [InlineData("/api/directory/taxonomy_terms?per_page=0", "per_page")]
    public async Task Bad_query_gets_400_naming_the_parameter(string path, string parameter)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(parameter), problem.ToJsonString());
    }

    [Theory]
    [InlineData("/api/directory/services/7387ed6c-4d48-5910-a387-b0aa20dcad31")]
    [InlineData("/api/directory/services/not-an-id")]
    [InlineData("/api/directory/service_at_locations/00000000-0000-0000-0000-000000000000")]
    [InlineData("/api/directory/taxonomies/00000000-0000-0000-0000-000000000000")]
    [InlineData("/api/directory/taxonomy_terms/x")]
    [InlineData("/api/directory/organizations/00000000-0000-0000-0000-000000000000")]
    public async Task Unknown_ids_get_404_problem(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
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
        var root = await GetAsync("/api/directory/");

        Assert.Equal("3.0", root["version"]!.GetValue<string>());
        Assert.NotNull(root["openapi_url"]);
    }

    [Fact]
    public async Task Searches_are_planned_for_their_own_values_not_a_generic_plan()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();

        var mode = await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync();

        Assert.Equal("force_custom_plan", mode);
    }
}
