using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.CaseManagement.Tests;

public sealed class CaseFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.CaseDb;

    /// <summary>Publishes a referral through the real broker and waits for its case; returns the case id.</summary>
    public async Task<Guid> OpenCaseAsync(string reference, string? area = null)
    {
        var submitted = new ReferralSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), reference, "self", "self",
            ["money"], false, new ReferralConsent(true, "no"), Guid.NewGuid(), area);
        await Services.GetRequiredService<IBus>().Publish(submitted, ctx => ctx.MessageId = submitted.Id);
        var client = CreateClientWithToken(TestTokens.For(role: "admin", subject: "setup"));
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
