using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Features.ImportDirectory;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;

namespace SocialPrescribing.ServiceDirectory.Features.EditService;

/// <summary>Admins add, replace and mark as checked a service, written in ORUK 3.0's own shape; every write audited.</summary>
public static class EditServiceEndpoints
{
    public static RouteGroupBuilder MapEditService(this RouteGroupBuilder api)
    {
        api.MapPost("/services", CreateService).WithName("CreateService")
            .WithSummary("Add a service (ORUK 3.0 service; ids that are left out are given)").Accepts<JsonObject>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/services/{id:guid}", ReplaceService).WithName("ReplaceService")
            .WithSummary("Replace a service with this ORUK 3.0 version of it").Accepts<JsonObject>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/services/{id:guid}/assure", AssureService).WithName("AssureService")
            .WithSummary("Mark the service's details as checked today (no longer stale)").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<IResult> CreateService([AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await AdminRequests.ReadObjectAsync(services.Http.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        EditServiceHandler.GiveIds(body);
        // An id that is not a GUID string is refused with the rest of the body's faults when it is saved.
        var id = body["id"] is JsonValue given && given.TryGetValue<string>(out var text) && Guid.TryParse(text, out var parsed) ? parsed : Guid.Empty;
        if (id != Guid.Empty && await services.Db.Services.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "That service is already in the directory",
                detail: $"Service {id} exists; change it with PUT /api/directory/services/{id}.");
        }

        return await SaveServiceAsync(body, services, created: true, cancellationToken);
    }

    public static async Task<IResult> ReplaceService(Guid id, [AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        if (!await services.Db.Services.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return AdminRequests.NotFound("service", id);
        }

        var (body, problem) = await AdminRequests.ReadObjectAsync(services.Http.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body["id"] is { } bodyId && bodyId.GetValueKind() == JsonValueKind.String && bodyId.GetValue<string>() != id.ToString())
        {
            return AdminRequests.Invalid(new Dictionary<string, string[]> { ["/id"] = [$"The body is service {bodyId}, not {id}."] });
        }

        body["id"] = id.ToString();
        EditServiceHandler.GiveIds(body);
        return await SaveServiceAsync(body, services, created: false, cancellationToken);
    }

    public static async Task<Results<JsonHttpResult<System.Text.Json.Nodes.JsonObject>, ProblemHttpResult>> AssureService(Guid id, [AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        return await EditServiceHandler.AssureAsync(services, id, cancellationToken) is null
            ? AdminRequests.NotFound("service", id)
            : TypedResults.Json(await EditServiceHandler.FullAsync(services, id, cancellationToken), Oruk.Json);
    }

    private static async Task<IResult> SaveServiceAsync(JsonObject body, AdminServices services, bool created, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(new JsonArray(body.DeepClone()).ToJsonString());
        var (report, rejected) = await ImportDirectoryHandler.ImportAuditedAsync(services, document.RootElement, cancellationToken);
        if (report is null)
        {
            return AdminRequests.Invalid(rejected.SelectMany(r => r.Reasons).GroupBy(AdminRequests.Field, AdminRequests.Reason).ToDictionary(g => g.Key, g => g.ToArray()));
        }

        var id = report.ServiceIds[0];
        var service = await EditServiceHandler.FullAsync(services, id, cancellationToken);
        if (!created)
        {
            return TypedResults.Json(service, Oruk.Json);
        }

        services.Http.Response.Headers.Location = $"/api/directory/services/{id}";
        return TypedResults.Json(service, Oruk.Json, statusCode: StatusCodes.Status201Created);
    }
}
