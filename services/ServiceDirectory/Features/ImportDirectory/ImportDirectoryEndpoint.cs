using System.Text.Json;
using System.Text.Json.Nodes;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ServiceDirectory.Features.ImportDirectory;

/// <summary><c>POST /api/directory/import</c>: an ORUK 3.0 service package, all or nothing.</summary>
public static class ImportDirectoryEndpoint
{
    public static RouteGroupBuilder MapImportDirectory(this RouteGroupBuilder api)
    {
        api.MapPost("/import", Import).WithName("ImportDirectory")
            .WithSummary("Add or replace services from an ORUK 3.0 service package, all or nothing; 400 lists every record rejected and why")
            .Accepts<JsonArray>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    public static async Task<IResult> Import([AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken, ImportDirectoryHandler.MaxImportBytes);
        if (document is null)
        {
            return problem!;
        }

        using (document)
        {
            return await ImportAsync(document.RootElement, services, cancellationToken);
        }
    }

    /// <summary>Imports a package and answers with what changed, or a 400 problem listing each record rejected and why.</summary>
    public static async Task<IResult> ImportAsync(JsonElement package, AdminServices services, CancellationToken cancellationToken)
    {
        var (report, rejected) = await ImportDirectoryHandler.ImportAuditedAsync(services, package, cancellationToken);
        return report is not null ? TypedResults.Ok(report) : ImportDirectoryHandler.Rejected(rejected);
    }
}
