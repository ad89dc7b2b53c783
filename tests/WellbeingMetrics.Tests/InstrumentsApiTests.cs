using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SocialPrescribing.WellbeingMetrics.Tests;

[Collection(WellbeingCollection.Name)]
public sealed class InstrumentsApiTests(WellbeingFactory factory)
{
    [Fact]
    public async Task Instruments_list_the_four_standard_instruments()
    {
        var instruments = await factory.CreateClient().GetFromJsonAsync<JsonArray>("/api/wellbeing/instruments");

        Assert.Equal(["ons4", "swemwbs", "ucla3", "wemwbs"], instruments!.Select(i => i!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ons4", 4, 0, 10)]
    [InlineData("wemwbs", 14, 1, 5)]
    [InlineData("swemwbs", 7, 1, 5)]
    [InlineData("ucla3", 3, 1, 3)]
    public async Task Each_instrument_defines_its_items_and_ranges(string id, int items, int min, int max)
    {
        var instrument = await factory.CreateClient().GetFromJsonAsync<JsonObject>($"/api/wellbeing/instruments/{id}");

        var list = instrument!["items"]!.AsArray();
        Assert.Equal(items, list.Count);
        Assert.All(list, item =>
        {
            Assert.Equal(min, item!["min"]!.GetValue<int>());
            Assert.Equal(max, item["max"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task Swemwbs_carries_the_published_conversion_table()
    {
        var instrument = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/api/wellbeing/instruments/swemwbs");

        var table = instrument!["scoring"]!["conversionTable"]!.AsObject();
        Assert.Equal(29, table.Count);
        Assert.Equal(7.00m, table["7"]!.GetValue<decimal>());
        Assert.Equal(19.25m, table["21"]!.GetValue<decimal>());
        Assert.Equal(35.00m, table["35"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Unknown_instrument_is_404()
    {
        var response = await factory.CreateClient().GetAsync("/api/wellbeing/instruments/pam");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
