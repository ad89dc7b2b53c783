using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;

namespace SocialPrescribing.ReferralIntake.Features.ReadPerson;

public static class ReadPersonEndpoint
{
    public static RouteGroupBuilder MapReadPerson(this RouteGroupBuilder people)
    {
        people.MapGet("/{id:guid}", Get)
            .WithName("GetPerson")
            .WithSummary("A person's record: details, consent, referrals, history of changes and merges (link workers of their teams' cases, managers; audited)")
            .RequireAuthorization(AccessPolicies.PersonFinder)
            .ReturnsRecords(RecordScope.CaseTeam)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return people;
    }

    public static async Task<Results<Ok<PersonView>, NotFound>> Get(Guid id, HttpContext http, ReadPersonHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return await handler.ReadAsync(id, http, cancellationToken) is { } person ? TypedResults.Ok(person) : TypedResults.NotFound();
    }
}
