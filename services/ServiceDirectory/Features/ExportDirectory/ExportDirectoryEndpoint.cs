using System.Globalization;
using SocialPrescribing.Authorization;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;

namespace SocialPrescribing.ServiceDirectory.Features.ExportDirectory;

/// <summary><c>GET /api/directory/export</c>: the whole directory as an ORUK 3.0 service package.</summary>
public static class ExportDirectoryEndpoint
{
    public static RouteGroupBuilder MapExportDirectory(this RouteGroupBuilder api)
    {
        api.MapGet("/export", Export).WithName("ExportDirectory")
            .WithSummary("Every service, fully nested: an ORUK 3.0 service package (a JSON array) that /import takes back")
            .ReturnsRecords(RecordScope.None);
        return api;
    }

    public static async Task<IResult> Export([AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var package = await ExportDirectoryHandler.ExportAsync(services.Db, services.Time, cancellationToken);
        services.Http.Response.Headers.ContentDisposition = $"attachment; filename=\"directory-{services.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json\"";
        return TypedResults.Json(package, Oruk.Json);
    }
}
