using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>The same person referred again while a referral is open is linked to it, not started afresh.</summary>
[Collection(IntakeCollection.Name)]
public sealed class DuplicateReferralTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_same_name_date_of_birth_and_postcode_written_differently_is_the_same_person()
    {
        var first = await SubmitAsync(Person("Zoë", "O'Brien-Smith", "1971-03-02", "LS6 3HN", nhsNumber: null));
        var again = await SubmitAsync(Person("ZOE", "o brien smith", "1971-03-02", "ls63hn", nhsNumber: null));

        Assert.Equal(first, await DuplicateOfAsync(again));
        Assert.Null(await DuplicateOfAsync(first));
    }

    [Fact]
    public async Task The_same_nhs_number_is_the_same_person_whatever_the_name()
    {
        var first = await SubmitAsync(Person("Ada", "Lovelace", "1990-12-10", "LS1 4AP", "9434765919"));
        var again = await SubmitAsync(Person("Augusta", "King", "1990-12-10", "LS6 3HN", "943 476 5919"));

        Assert.Equal(first, await DuplicateOfAsync(again));
    }

    [Fact]
    public async Task A_third_referral_joins_the_first_of_the_episode()
    {
        var first = await SubmitAsync(Person("Ada", "Lovelace", "1990-12-10", "LS1 4AP", null));
        await SubmitAsync(Person("Ada", "Lovelace", "1990-12-10", "LS1 4AP", null));
        var third = await SubmitAsync(Person("Ada", "Lovelace", "1990-12-10", "LS1 4AP", null));

        Assert.Equal(first, await DuplicateOfAsync(third));
    }

    [Fact]
    public async Task A_different_date_of_birth_is_a_different_person()
    {
        await SubmitAsync(Person("Ada", "Lovelace", "1990-12-10", "LS1 4AP", null));
        var other = await SubmitAsync(Person("Ada", "Lovelace", "1991-12-10", "LS1 4AP", null));

        Assert.Null(await DuplicateOfAsync(other));
    }

    [Fact]
    public async Task Two_referrals_for_one_person_at_the_same_moment_start_one_episode()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SubmitAsync(Person("Ada", "Lovelace", "1990-12-10", "LS1 4AP", null))));

        var firsts = new List<Guid>();
        foreach (var id in ids)
        {
            if (await DuplicateOfAsync(id) is null)
            {
                firsts.Add(id);
            }
        }

        var first = Assert.Single(firsts);
        foreach (var id in ids.Where(i => i != first))
        {
            Assert.Equal(first, await DuplicateOfAsync(id));
        }
    }

    [Fact]
    public async Task The_person_is_not_told_that_someone_else_referred_them()
    {
        await SubmitAsync(Person("Ada", "Lovelace", "1990-12-10", "LS1 4AP", null));

        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", Person("Ada", "Lovelace", "1990-12-10", "LS1 4AP", null));

        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(["id", "reference", "status", "urgent"], body!.Where(p => p.Value is not null).Select(p => p.Key));
    }

    private static JsonObject Person(string givenName, string familyName, string dateOfBirth, string postcode, string? nhsNumber) =>
        Referrals.ValidSelfReferral().With(b =>
        {
            b["person"]!["givenName"] = givenName;
            b["person"]!["familyName"] = familyName;
            b["person"]!["dateOfBirth"] = dateOfBirth;
            b["person"]!["postcode"] = postcode;
            b["person"]!["nhsNumber"] = nhsNumber;
        });

    private async Task<Guid> SubmitAsync(JsonObject body)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    private async Task<Guid?> DuplicateOfAsync(Guid referralId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralDbContext>();
        return await db.Referrals.Where(r => r.Id == referralId).Select(r => r.DuplicateOfId).SingleAsync();
    }
}
