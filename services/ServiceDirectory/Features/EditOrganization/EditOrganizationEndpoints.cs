using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;

namespace SocialPrescribing.ServiceDirectory.Features.EditOrganization;

/// <summary>Admins add and change the organisations that run services; every write audited.</summary>
public static class EditOrganizationEndpoints
{
    public static RouteGroupBuilder MapEditOrganization(this RouteGroupBuilder api)
    {
        api.MapPost("/organizations", CreateOrganization).WithName("CreateOrganization")
            .WithSummary("Add an organisation").Accepts<JsonObject>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/organizations/{id:guid}", ReplaceOrganization).WithName("ReplaceOrganization")
            .WithSummary("Change an organisation's details").Accepts<JsonObject>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<IResult> CreateOrganization([AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await AdminRequests.ReadObjectAsync(services.Http.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        body["id"] ??= Guid.NewGuid().ToString();
        if (Guid.TryParse(body["id"]!.ToString(), out var id) && await services.Db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "That organisation is already in the directory",
                detail: $"Organisation {id} exists; change it with PUT /api/directory/organizations/{id}.");
        }

        var (organization, errors) = await EditOrganizationHandler.SaveOrganizationAsync(services, body, null, cancellationToken);
        if (organization is null)
        {
            return AdminRequests.Invalid(errors);
        }

        services.Http.Response.Headers.Location = $"/api/directory/organizations/{organization.Id}";
        return TypedResults.Json(OrukOrganization.From(organization), Oruk.Json, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> ReplaceOrganization(Guid id, [AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var organization = await services.Db.Organizations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return AdminRequests.NotFound("organisation", id);
        }

        var (body, problem) = await AdminRequests.ReadObjectAsync(services.Http.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        body["id"] ??= id.ToString();
        var (saved, errors) = await EditOrganizationHandler.SaveOrganizationAsync(services, body, organization, cancellationToken);
        return saved is null ? AdminRequests.Invalid(errors) : TypedResults.Json(OrukOrganization.From(saved), Oruk.Json);
    }
}
