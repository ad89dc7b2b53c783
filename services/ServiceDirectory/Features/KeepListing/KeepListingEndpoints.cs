using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.ServiceDirectory.Features.EditService;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ServiceDirectory.Features.KeepListing;

/// <summary>A provider (for their own organisation's services) or an admin sets a service's places, wait and pause.</summary>
public static class KeepListingEndpoints
{
    public static IEndpointRouteBuilder MapKeepListing(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/directory").WithTags("Keeping a listing").RequireAuthorization(AccessPolicies.ServiceKeeper)
            .MapPut("/services/{id:guid}/capacity", SetCapacity).WithName("SetServiceCapacity")
            .WithSummary("Set the places (maximum, available), the wait in days (waitDays; null: estimated) and whether new referrals are paused; " +
                         "while full or paused, new requests join the waiting list, and a freed place is offered to the first in line")
            .Accepts<CapacityRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<JsonHttpResult<System.Text.Json.Nodes.JsonObject>, ValidationProblem, ProblemHttpResult>> SetCapacity(
        Guid id, [AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        CapacityChange? change = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(services.Http.Request, (body, errors) =>
        {
            if (body is null)
            {
                return;
            }

            change = new CapacityChange(body.Integer("maximum"), body.Integer("available"), body.Integer("waitDays"), body.Boolean("paused") ?? false);
            body.RejectUnknownFields();
            errors.AddMissing(change.Check());
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!errors.IsEmpty || change is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The places have mistakes; nothing was saved");
        }

        return await ListingKeeping.SetCapacityAsync(services, id, change, cancellationToken) is null
            ? AdminRequests.NotFound("service", id)
            : TypedResults.Json(await EditServiceHandler.FullAsync(services, id, cancellationToken), Oruk.Json);
    }
}

/// <summary>The body of a capacity change (every field may be null but paused, false when left out).</summary>
public sealed record CapacityRequest(int? Maximum, int? Available, int? WaitDays, bool Paused);
