using System.Net;
using System.Text.RegularExpressions;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ServiceDirectory.Tests;

/// <summary>The directory's public pages in Welsh: our words translated, the providers' own words as they wrote them, staff pages English.</summary>
[Collection(DirectoryCollection.Name)]
public sealed partial class WelshDirectoryTests(DirectoryFactory factory)
{
    private static readonly string[] Resources = ["services/ServiceDirectory/Pages/Directory/DirectoryText.resx", "services/Shared/WebUI/LayoutText.resx", "services/Shared/WebUI/NeedText.resx"];

    [Fact]
    public async Task Searching_in_welsh_shows_welsh_needs_distances_and_pages()
    {
        var client = factory.CreateClient();

        var search = await client.GetStringAsync("/directory?lang=cy");
        var results = await client.GetStringAsync("/directory?need=loneliness&postcode=LS1+4AP&lang=cy");

        Assert.Contains("<html lang=\"cy\"", search, StringComparison.Ordinal);
        Assert.Contains("<h1>Dod o hyd i wasanaethau lleol</h1>", search, StringComparison.Ordinal);
        Assert.Contains(">Teimlo&#x27;n unig neu&#x27;n ynysig</option>", search.Replace("'", "&#x27;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(search, Resources));
        Assert.Matches(@"<h2 id=""results-heading"">\d+ gwasanaeth wedi&#x27;u canfod</h2>", results.Replace("'", "&#x27;", StringComparison.Ordinal));
        Assert.Matches(@"[0-9.]+ milltir i ffwrdd</dd>", results);
        Assert.Contains("Tudalen 2 o ", results, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(results, Resources));
        Assert.NotEmpty(EnglishLeft.In(await client.GetStringAsync("/directory?need=loneliness&postcode=LS1+4AP&lang=en"), Resources));
    }

    [Fact]
    public async Task A_mistake_is_explained_in_welsh()
    {
        var response = await factory.CreateClient().GetAsync("/directory?postcode=ZZ99+9ZZ&lang=cy");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<title>Gwall: ", html, StringComparison.Ordinal);
        Assert.Contains("Rhowch god post go iawn yn y DU", html, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(html, Resources));
    }

    [Fact]
    public async Task A_service_page_in_welsh_with_its_dates_in_welsh()
    {
        var client = factory.CreateClient();
        var results = await client.GetStringAsync("/directory?need=carers&postcode=LS1");
        var id = ServiceLink().Match(results).Groups[1].Value;

        var html = await client.GetStringAsync($"/directory/services/{id}?lang=cy");

        foreach (var heading in new[] { "<h2>Pryd</h2>", "<h2>Ble</h2>", "<h2>Pris</h2>", "<h2>Sut i ymuno</h2>", "<h2>Ar gyfer pwy mae e</h2>" })
        {
            Assert.Contains(heading, html, StringComparison.Ordinal);
        }

        Assert.Matches(@"ddiwethaf ar \d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}", html);
        Assert.Contains($"href=\"/refer?service={id}\"", html, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft.In(html, Resources));
    }

    [Fact]
    public async Task Directory_administration_stays_english()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "sp.lang=c%3Dcy%7Cuic%3Dcy");

        var html = await (await client.GetAsync("/admin/directory")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<html lang=\"cy\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"/directory/services/([0-9a-f-]{36})\"")]
    private static partial Regex ServiceLink();
}
