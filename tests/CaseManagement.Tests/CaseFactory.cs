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

    /// <summary>A token that reads every case.</summary>
    protected virtual string AdminToken => TestTokens.For(role: "admin", subject: "setup");

    /// <summary>Publishes a referral through the real broker and waits for its case; returns the case id.</summary>
    public async Task<Guid> OpenCaseAsync(string reference, string? area = null)
    {
        var submitted = new ReferralSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), reference, "self", "self",
            ["money"], false, new ReferralConsent(true, "none"), Guid.NewGuid(), area);
        await Services.GetRequiredService<IBus>().Publish(submitted, ctx => ctx.MessageId = submitted.Id);
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
