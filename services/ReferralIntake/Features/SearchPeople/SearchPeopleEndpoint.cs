using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;

namespace SocialPrescribing.ReferralIntake.Features.SearchPeople;

public static class SearchPeopleEndpoint
{
    public static RouteGroupBuilder MapSearchPeople(this RouteGroupBuilder people)
    {
        people.MapGet("/", Search)
            .WithName("SearchPeople")
            .WithSummary("Find a person by name (forgiving of case, accents and typos), reference, NHS number, postcode or date of birth: link workers within their teams' cases, managers everyone (every search audited with its terms)")
            .RequireAuthorization(AccessPolicies.PersonFinder)
            .ReturnsRecords(RecordScope.CaseTeam)
            .ProducesValidationProblem();
        return people;
    }

    public static async Task<Results<Ok<PeopleFound>, ValidationProblem>> Search(
        string? search, string? dateOfBirth, string? nhsNumber, string? postcode, HttpContext http, SearchPeopleHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (query, errors) = PersonQuery.Parse(search, dateOfBirth, nhsNumber, postcode);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Say who to look for");
        }

        return TypedResults.Ok(new PeopleFound(await handler.SearchAsync(query, http, cancellationToken)));
    }
}
