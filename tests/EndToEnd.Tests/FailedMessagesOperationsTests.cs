using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>Who may list and replay failed messages: admins through the gateway, and the dashboard's commands.</summary>
[Collection(SuiteCollection.Name)]
public sealed class FailedMessagesOperationsTests(SuiteFixture suite)
{
    [Theory]
    [InlineData("/api/referrals")]
    [InlineData("/api/cases")]
    [InlineData("/api/directory")]
    [InlineData("/api/wellbeing")]
    [InlineData("/api/notifications")]
    public async Task Admins_list_failed_messages_and_others_are_refused(string prefix)
    {
        using var admin = await suite.SignedInAsync("admin");
        var listed = await admin.GetFromJsonAsync<JsonObject>($"{prefix}/admin/failed-messages");
        Assert.True(listed!["total"]!.GetValue<long>() == 0, $"failed messages in {prefix}: {listed["queues"]!.ToJsonString()}");
        Assert.NotNull(listed["queues"]);

        Assert.Equal(HttpStatusCode.Forbidden, (await suite.LinkWorker.GetAsync($"{prefix}/admin/failed-messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await suite.Gateway.GetAsync($"{prefix}/admin/failed-messages")).StatusCode);
        var bad = await admin.GetAsync($"{prefix}/admin/failed-messages?perQueue=lots");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_operator_key_works_only_from_the_AppHost_never_through_the_gateway()
    {
        // Whatever key a caller sends, the gateway drops the header: the request is anonymous.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases/admin/failed-messages/replay");
        request.Headers.Add("X-Operator-Key", "a-guess-at-the-operator-key-000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await suite.Gateway.SendAsync(request)).StatusCode);

        // The dashboard's commands call the service directly with the generated key.
        var commands = suite.App.Services.GetRequiredService<ResourceCommandService>();
        var list = await commands.ExecuteCommandAsync(ResourceNames.CaseManagement, "list-failed-messages");
        Assert.True(list.Success, list.Message);
        var replay = await commands.ExecuteCommandAsync(ResourceNames.ReferralIntake, "replay-failed-messages");
        Assert.True(replay.Success, replay.Message);
    }
}
