using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SocialPrescribing.WellbeingMetrics.Tests;

/// <summary>An admin adds an instrument by its definition, without a code change; it is checked first.</summary>
[Collection(WellbeingCollection.Name)]
public sealed class InstrumentsAdminTests(WellbeingFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A four-item instrument with a conversion table and bands, as an operator would write it.</summary>
    private static JsonObject Definition(string id) => JsonNode.Parse($$"""
        {
          "id": "{{id}}",
          "name": "Community connection check",
          "description": "Four questions about feeling part of the community, each 0 to 2.",
          "items": [
            { "number": 1, "key": "belong", "text": "I feel I belong here", "min": 0, "max": 2 },
            { "number": 2, "key": "help", "text": "I know where to get help", "min": 0, "max": 2 },
            { "number": 3, "key": "talk", "text": "I have someone to talk to", "min": 0, "max": 2 },
            { "number": 4, "key": "join", "text": "I take part in local activities", "min": 0, "max": 2 }
          ],
          "responseOptions": [ { "value": 0, "label": "No" }, { "value": 1, "label": "Sometimes" }, { "value": 2, "label": "Yes" } ],
          "scoring": {
            "method": "sum-then-table", "rawMin": 0, "rawMax": 8,
            "conversionTable": { "0": 0, "1": 10, "2": 20, "3": 30, "4": 45, "5": 60, "6": 75, "7": 90, "8": 100 },
            "itemBands": [ { "from": 0, "to": 30, "label": "isolated" }, { "from": 31, "to": 100, "label": "connected" } ],
            "meaningfulChange": 20
          },
          "licence": "Written for this test"
        }
        """)!.AsObject();

    [Fact]
    public async Task An_admin_adds_an_instrument_that_is_then_served_and_scored()
    {
        var id = $"connection-{Guid.NewGuid():N}"[..24];

        var added = await factory.Admin().PostAsJsonAsync("/api/wellbeing/instruments", Definition(id));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var listed = await factory.CreateClient().GetFromJsonAsync<JsonArray>("/api/wellbeing/instruments");
        Assert.Contains(listed!, i => i!["id"]!.GetValue<string>() == id);

        var caseId = await factory.OpenCaseAsync();
        var recorded = await factory.LinkWorker().PostAsJsonAsync("/api/wellbeing/assessments", AssessmentsApiTests.Body(caseId, id, [2, 1, 1, 0]));
        var score = (await recorded.Content.ReadFromJsonAsync<JsonObject>())!["score"]!;
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(4, score["raw"]!.GetValue<int>());
        Assert.Equal(45m, score["metric"]!.GetValue<decimal>());
        Assert.Equal("connected", score["band"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_incomplete_conversion_table_is_refused()
    {
        var definition = Definition("connection-gap");
        definition["scoring"]!["conversionTable"]!.AsObject().Remove("5");

        var problem = await PostProblemAsync(factory.Admin(), definition.ToJsonString());

        Assert.Contains("5", problem["errors"]!["scoring.conversionTable"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Overlapping_bands_are_refused()
    {
        var definition = Definition("connection-overlap");
        definition["scoring"]!["itemBands"]![1]!["from"] = 30;

        var problem = await PostProblemAsync(factory.Admin(), definition.ToJsonString());

        Assert.Contains("overlaps", problem["errors"]!["scoring.itemBands[1]"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"id\":\"x1\",\"colour\":\"red\"}")]
    [InlineData("{\"id\":\"x1\",\"items\":\"many\"}")]
    [InlineData("[]")]
    public async Task Definitions_of_the_wrong_shape_are_refused(string json)
    {
        var problem = await PostProblemAsync(factory.Admin(), json);

        Assert.NotEmpty(problem["errors"]!.AsObject());
    }

    [Fact]
    public async Task Ids_are_taken_once_and_only_admins_add()
    {
        var conflict = await factory.Admin().PostAsJsonAsync("/api/wellbeing/instruments", Definition("wemwbs"));
        var linkWorker = await factory.LinkWorker().PostAsJsonAsync("/api/wellbeing/instruments", Definition("connection-lw"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, linkWorker.StatusCode);
    }

    private static async Task<JsonObject> PostProblemAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/api/wellbeing/instruments", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
