using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// One person across referrals: a repeat referral finds the person (by NHS number, or name, date of
/// birth and postcode), also after their case closed, and the earlier episode shows; a manager merges two
/// records and undoes it; staff find people forgivingly, only within their teams, every search audited.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class PeopleTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Manager => factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "mo-manager"));

    [Fact]
    public async Task A_referral_after_the_persons_case_closed_is_the_same_person_in_a_new_episode_and_the_earlier_one_shows()
    {
        var first = await ReferAsync(Referrals.ValidSelfReferral());
        var caseId = await OpenCaseAsync(first, "north");
        var closed = new CaseClosed(Guid.NewGuid(), new DateTimeOffset(2025, 3, 20, 10, 0, 0, TimeSpan.Zero), caseId, [first.Id], "Outcomes");
        await PublishAsync(closed, closed.Id);

        // The same person, no NHS number this time, a different phone number.
        var second = await ReferAsync(Referrals.ValidSelfReferral().With(b =>
        {
            b["person"]!.AsObject().Remove("nhsNumber");
            b["person"]!["phone"] = "07700 900456";
        }));

        var secondPerson = await Manager.GetFromJsonAsync<JsonObject>($"/api/referrals/{second.Id}/person");
        var firstPerson = await Manager.GetFromJsonAsync<JsonObject>($"/api/referrals/{first.Id}/person");
        Assert.Equal(firstPerson!["personId"]!.GetValue<Guid>(), secondPerson!["personId"]!.GetValue<Guid>());
        // A new episode (not a repeat of the closed one), and the person's newer phone is kept.
        Assert.Null(await factory.QueryAsync(db => db.Referrals.Where(r => r.Id == second.Id).Select(r => r.DuplicateOfId).SingleAsync()));
        Assert.Equal("07700900456", secondPerson["phone"]!.GetValue<string>());
        Assert.Equal("9434765919", secondPerson["nhsNumber"]!.GetValue<string>());
        var episode = Assert.Single(secondPerson["otherEpisodes"]!.AsArray())!;
        Assert.Equal(first.Reference, episode["reference"]!.GetValue<string>());
        Assert.Equal("Outcomes", episode["closedOutcome"]!.GetValue<string>());
        Assert.Equal(caseId, episode["caseId"]!.GetValue<Guid>());
        Assert.Equal(2025, episode["closedAt"]!.GetValue<DateTimeOffset>().Year);

        var person = await Manager.GetFromJsonAsync<JsonObject>($"/api/people/{secondPerson["personId"]}");
        Assert.Equal(2, person!["referrals"]!.AsArray().Count);
        var change = Assert.Single(person["history"]!.AsArray())!;
        Assert.Equal("referred", change["kind"]!.GetValue<string>());
        Assert.Equal("07700900456", change["fields"]!["phone"]!["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_NHS_number_finds_the_person_whose_name_changed_and_different_NHS_numbers_are_different_people()
    {
        var first = await ReferAsync(Referrals.ValidSelfReferral());
        var renamed = await ReferAsync(Referrals.ValidSelfReferral().With(b => b["person"]!["familyName"] = "King"));
        var namesake = await ReferAsync(Referrals.ValidSelfReferral().With(b => b["person"]!["nhsNumber"] = "4010232137"));

        var people = await factory.QueryAsync(db => db.Referrals.ToDictionaryAsync(r => r.Id, r => r.PersonId));
        Assert.Equal(people[first.Id], people[renamed.Id]);
        Assert.NotEqual(people[first.Id], people[namesake.Id]);
        Assert.Equal(2, await factory.QueryAsync(db => db.People.CountAsync()));
    }

    [Theory]
    [InlineData("lovelase")]
    [InlineData("ADA LOVELACE")]
    [InlineData("Ada Lovelce")]
    [InlineData("love")]
    public async Task A_manager_finds_a_person_by_a_misspelt_or_partial_name(string typed)
    {
        var referral = await ReferAsync(Referrals.ValidSelfReferral());
        await ReferAsync(Referrals.ValidSelfReferral().With(b =>
        {
            b["person"]!["givenName"] = "Charles";
            b["person"]!["familyName"] = "Babbage";
            b["person"]!.AsObject().Remove("nhsNumber");
        }));

        var found = await SearchAsync(Manager, $"search={Uri.EscapeDataString(typed)}");

        var person = Assert.Single(found)!;
        Assert.Equal("Lovelace", person["familyName"]!.GetValue<string>());
        Assert.Equal(referral.Reference, person["referrals"]![0]!["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task Accents_do_not_matter_and_reference_NHS_number_postcode_and_date_of_birth_find_the_person()
    {
        var referral = await ReferAsync(Referrals.ValidSelfReferral().With(b => b["person"]!["givenName"] = "Zoë"));

        Assert.Single(await SearchAsync(Manager, "search=zoe%20lovelace"));
        Assert.Single(await SearchAsync(Manager, $"search={referral.Reference.ToLowerInvariant()}"));
        Assert.Single(await SearchAsync(Manager, "search=943%20476%205919"));
        Assert.Single(await SearchAsync(Manager, "nhsNumber=9434765919"));
        Assert.Single(await SearchAsync(Manager, "search=ls14ap"));
        Assert.Single(await SearchAsync(Manager, "postcode=LS1"));
        Assert.Single(await SearchAsync(Manager, "dateOfBirth=1990-12-10"));
        Assert.Empty(await SearchAsync(Manager, "search=lovelace&dateOfBirth=1990-12-11"));
    }

    [Fact]
    public async Task Link_workers_find_only_people_whose_case_is_with_their_team_and_every_search_is_kept_with_its_terms()
    {
        var referral = await ReferAsync(Referrals.ValidSelfReferral());
        await OpenCaseAsync(referral, "north");
        var north = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north", subject: "lw-north"));
        var south = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south", subject: "lw-south"));

        var seen = Assert.Single(await SearchAsync(north, "search=lovelace"))!;
        Assert.Empty(await SearchAsync(south, "search=lovelace"));
        Assert.Equal(HttpStatusCode.OK, (await north.GetAsync($"/api/people/{seen["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await south.GetAsync($"/api/people/{seen["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await factory.CreateClientWithToken(TestTokens.For(role: "callhandler")).GetAsync("/api/people?search=lovelace")).StatusCode);

        var searches = await factory.QueryAsync(db => db.PersonSearches.AsNoTracking().OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(["lw-north", "lw-south"], searches.Select(s => s.By));
        Assert.All(searches, s => Assert.Equal("lovelace", s.Terms["search"]));
        Assert.Equal([seen["id"]!.GetValue<Guid>()], searches[0].FoundPersonIds);
        Assert.Empty(searches[1].FoundPersonIds);
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>()
            .CountAsync(a => a.Action == "search" && a.ResourceType == "person" && a.Actor == "lw-north")));
    }

    [Theory]
    [InlineData("", "search")]
    [InlineData("search=", "search")]
    [InlineData("search=a", "search")]
    [InlineData("search=%20%20", "search")]
    [InlineData("search=--", "search")]
    [InlineData("dateOfBirth=10-12-1990", "dateOfBirth")]
    [InlineData("nhsNumber=1234567890", "nhsNumber")]
    [InlineData("postcode=nowhere", "postcode")]
    public async Task A_search_without_a_usable_term_is_a_400_saying_what_is_needed(string query, string field)
    {
        var response = await Manager.GetAsync($"/api/people?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotEmpty(problem!["errors"]![field]![0]!.GetValue<string>());
        Assert.Equal(0, await factory.QueryAsync(db => db.PersonSearches.CountAsync()));
    }

    [Fact]
    public async Task A_manager_merges_two_records_of_one_person_and_undoes_it_and_both_are_audited()
    {
        var ada = await ReferAsync(Referrals.ValidSelfReferral());
        // The same person, moved house, referred by someone who did not know her NHS number.
        var moved = await ReferAsync(Referrals.ValidSelfReferral().With(b =>
        {
            b["person"]!["postcode"] = "LS6 3HN";
            b["person"]!.AsObject().Remove("nhsNumber");
        }));
        var ids = await factory.QueryAsync(db => db.Referrals.ToDictionaryAsync(r => r.Id, r => r.PersonId));
        var (survivor, duplicate) = (ids[ada.Id], ids[moved.Id]);
        Assert.NotEqual(survivor, duplicate);
        var person = await Manager.GetFromJsonAsync<JsonObject>($"/api/people/{survivor}");

        var merged = await Manager.PostAsJsonAsync($"/api/people/{survivor}/merges", new { personId = duplicate });

        Assert.Equal(HttpStatusCode.Created, merged.StatusCode);
        var merge = (await merged.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(survivor, (await factory.QueryAsync(db => db.Referrals.SingleAsync(r => r.Id == moved.Id))).PersonId);
        // A later referral with the merged record's details finds the survivor.
        var again = await ReferAsync(Referrals.ValidSelfReferral().With(b =>
        {
            b["person"]!["postcode"] = "LS6 3HN";
            b["person"]!.AsObject().Remove("nhsNumber");
        }));
        Assert.Equal(survivor, (await factory.QueryAsync(db => db.Referrals.SingleAsync(r => r.Id == again.Id))).PersonId);
        Assert.Single(await SearchAsync(Manager, "search=lovelace"));
        Assert.Equal(HttpStatusCode.Conflict, (await Manager.PostAsJsonAsync($"/api/people/{survivor}/merges", new { personId = duplicate })).StatusCode);

        var undone = await Manager.PostAsync($"/api/people/{survivor}/merges/{merge["id"]}/undo", null);

        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal(duplicate, (await factory.QueryAsync(db => db.Referrals.SingleAsync(r => r.Id == moved.Id))).PersonId);
        Assert.Null((await factory.QueryAsync(db => db.People.SingleAsync(p => p.Id == duplicate))).MergedIntoId);
        Assert.Equal(2, (await SearchAsync(Manager, "search=lovelace")).Count);
        Assert.Equal(HttpStatusCode.Conflict, (await Manager.PostAsync($"/api/people/{survivor}/merges/{merge["id"]}/undo", null)).StatusCode);
        var audited = await factory.QueryAsync(db => db.Set<Messaging.Audit.AuditEntry>().AsNoTracking()
            .Where(a => a.ResourceType == "person" && (a.Action == "merge" || a.Action == "merge-undo")).Select(a => new { a.Action, a.ResourceId, a.Actor }).ToListAsync());
        Assert.Equal(4, audited.Count);
        Assert.All(audited, a => Assert.Equal("mo-manager", a.Actor));
        var history = (await Manager.GetFromJsonAsync<JsonObject>($"/api/people/{duplicate}"))!["history"]!.AsArray();
        Assert.Equal(["merge-undone", "merged"], history.Select(h => h!["kind"]!.GetValue<string>()));
        Assert.NotNull(person);
    }

    [Fact]
    public async Task Merging_is_for_managers_and_refuses_nonsense()
    {
        var ada = await ReferAsync(Referrals.ValidSelfReferral());
        var survivor = await factory.QueryAsync(db => db.Referrals.Where(r => r.Id == ada.Id).Select(r => r.PersonId).SingleAsync());
        await OpenCaseAsync(ada, "north");
        var linkWorker = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"));

        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.PostAsJsonAsync($"/api/people/{survivor}/merges", new { personId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Manager.PostAsJsonAsync($"/api/people/{survivor}/merges", new { personId = survivor })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager.PostAsJsonAsync($"/api/people/{survivor}/merges", new { personId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Manager.PostAsJsonAsync($"/api/people/{survivor}/merges", new { personId = "nobody" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Manager.PostAsJsonAsync($"/api/people/{survivor}/merges", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager.PostAsync($"/api/people/{survivor}/merges/{Guid.NewGuid()}/undo", null)).StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.PersonMerges.CountAsync()));
    }

    [Fact]
    public async Task A_caseload_gets_the_names_of_the_people_its_team_may_see()
    {
        var ada = await ReferAsync(Referrals.ValidSelfReferral());
        await OpenCaseAsync(ada, "north");
        var north = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north"));
        var south = factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "south"));

        var names = await north.GetFromJsonAsync<JsonArray>($"/api/referrals/names?id={ada.Id}&id={Guid.NewGuid()}");

        var name = Assert.Single(names!)!;
        Assert.Equal("Ada", name["givenName"]!.GetValue<string>());
        Assert.Empty((await south.GetFromJsonAsync<JsonArray>($"/api/referrals/names?id={ada.Id}"))!);
        Assert.Equal(HttpStatusCode.BadRequest, (await north.GetAsync("/api/referrals/names?id=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await north.GetAsync("/api/referrals/names")).StatusCode);
    }

    private async Task<List<JsonNode?>> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/people?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray()];
    }

    private async Task<(Guid Id, string Reference)> ReferAsync(JsonObject body)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (created["id"]!.GetValue<Guid>(), created["reference"]!.GetValue<string>());
    }

    private async Task<Guid> OpenCaseAsync((Guid Id, string Reference) referral, string team)
    {
        var opened = new CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), referral.Id, referral.Reference, false, Team: team);
        await PublishAsync(opened, opened.Id);
        return opened.CaseId;
    }

    private async Task PublishAsync<T>(T message, Guid id)
        where T : class
    {
        await factory.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = id);
        await factory.WaitForInboxAsync(id);
    }
}
