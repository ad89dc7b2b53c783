using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

public class CaseFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.CaseDb;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Long enough for a repeat referral that overtook the first to find its case on a cold start.
        builder.UseSetting("Messaging:RetryIntervalsMs:1", "250");
        builder.UseSetting("Messaging:RetryIntervalsMs:2", "1000");
    }

    /// <summary>A token that reads every case.</summary>
    protected virtual string AdminToken => TestTokens.For(role: "admin", subject: "setup");

    /// <summary>Publishes a referral through the real broker and waits for its case; returns the case id.</summary>
    public async Task<Guid> OpenCaseAsync(string reference, string? area = null)
    {
        var submitted = new ReferralSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), reference, "self", "self",
            ["money"], false, new ReferralConsent(true, "none"), Guid.NewGuid(), area);
        await Services.GetRequiredService<IBus>().Publish(submitted, ctx => ctx.MessageId = submitted.Id);
        return await WaitForCaseAsync(reference);
    }

    /// <summary>Waits until a case answers to the reference (its own or a joined referral's); returns its id.</summary>
    public async Task<Guid> WaitForCaseAsync(string reference)
    {
        var client = CreateClientWithToken(AdminToken);
        Guid id = default;
        await Eventually(async () =>
        {
            var response = await client.GetAsync($"/api/cases/by-reference/{reference}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
            return true;
        });
        return id;
    }
}

[CollectionDefinition(Name)]
public sealed class CaseCollection : ICollectionFixture<CaseFactory>
{
    public const string Name = "cases";
}
