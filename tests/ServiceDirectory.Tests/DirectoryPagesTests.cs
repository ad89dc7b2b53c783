using System.Net;
using System.Text.RegularExpressions;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>The public pages as a browser without JavaScript gets them: plain GET forms and links.</summary>
[Collection(DirectoryCollection.Name)]
public sealed partial class DirectoryPagesTests(DirectoryFactory factory)
{
    [Fact]
    public async Task The_search_page_asks_what_would_help_and_where()
    {
        var html = await factory.CreateClient().GetStringAsync("/directory");

        Assert.Contains("<h1>Find local services</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<label class=\"nhsuk-label\" for=\"postcode\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"loneliness\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("services found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_near_a_postcode_lists_services_nearest_first_in_miles()
    {
        var html = await factory.CreateClient().GetStringAsync("/directory?need=loneliness&postcode=LS1+4AP");

        Assert.Matches(@"<h2 id=""results-heading"">\d+ services found</h2>", html);
        var miles = MilesAway().Matches(html).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(miles.Count >= 5);
        Assert.Equal(miles.Order(), miles);
        Assert.Contains("Next", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/directory?need=loneliness&amp;postcode=LS1%204AP&amp;page=2\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/directory?postcode=ZZ99+9ZZ", "postcode")]
    [InlineData("/directory?age=old", "age")]
    [InlineData("/directory?need=%3Cscript%3E", "need")]
    public async Task A_mistake_is_named_at_the_top_and_next_to_the_field_and_the_entry_is_kept(string path, string field)
    {
        var response = await factory.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#{field}\">", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        if (field == "postcode")
        {
            Assert.Contains("value=\"ZZ99 9ZZ\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_service_page_says_what_when_where_cost_and_how_to_join_and_offers_a_self_referral()
    {
        var client = factory.CreateClient();
        var results = await client.GetStringAsync("/directory?need=carers&postcode=LS1");
        var id = ServiceLink().Match(results).Groups[1].Value;

        var html = await client.GetStringAsync($"/directory/services/{id}");

        foreach (var heading in new[] { "<h2>When</h2>", "<h2>Where</h2>", "<h2>Cost</h2>", "<h2>How to join</h2>", "<h2>Who it is for</h2>" })
        {
            Assert.Contains(heading, html, StringComparison.Ordinal);
        }

        Assert.Contains($"href=\"/refer?service={id}\"", html, StringComparison.Ordinal);
        Assert.Contains("Refer myself to this service", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/directory/services/{Guid.NewGuid()}")).StatusCode);
    }

    [GeneratedRegex(@"<dd class=""nhsuk-summary-list__value"">(?:less than )?([0-9.]+) miles away</dd>")]
    private static partial Regex MilesAway();

    [GeneratedRegex(@"href=""/directory/services/([0-9a-f-]{36})""")]
    private static partial Regex ServiceLink();
}
