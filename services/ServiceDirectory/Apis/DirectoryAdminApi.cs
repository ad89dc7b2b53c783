using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ServiceDirectory.Extensions;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Infrastructure.Import;
using SocialPrescribing.ServiceDirectory.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ServiceDirectory.Apis;

/// <summary>
/// Keeping the directory (admins): organisations and services written in ORUK 3.0's own shape, a
/// service's details marked as checked, and the whole directory exported or imported as an ORUK
/// service package, all or nothing. Every write is audited.
/// </summary>
public static class DirectoryAdminApi
{
    public const string AuditResource = "directory-service";
    public const string OrganizationAuditResource = "directory-organization";

    /// <summary>A package of a few thousand fully described services; anything larger is split.</summary>
    public const int MaxImportBytes = 16 * 1024 * 1024;

    /// <summary>Rejections listed in full; past this many the report counts the rest.</summary>
    public const int MaxRejectionsReported = 200;

    private const int MaxRecordBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapDirectoryAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/directory").WithTags("Directory admin").RequireAuthorization(AccessPolicies.DirectoryAdmin);

        api.MapPost("/services", CreateService).WithName("CreateService")
            .WithSummary("Add a service (ORUK 3.0 service; ids that are left out are given)").Accepts<JsonObject>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/services/{id:guid}", ReplaceService).WithName("ReplaceService")
            .WithSummary("Replace a service with this ORUK 3.0 version of it").Accepts<JsonObject>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/services/{id:guid}/assure", AssureService).WithName("AssureService")
            .WithSummary("Mark the service's details as checked today (no longer stale)").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/organizations", CreateOrganization).WithName("CreateOrganization")
            .WithSummary("Add an organisation").Accepts<JsonObject>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/organizations/{id:guid}", ReplaceOrganization).WithName("ReplaceOrganization")
            .WithSummary("Change an organisation's details").Accepts<JsonObject>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/export", Export).WithName("ExportDirectory")
            .WithSummary("Every service, fully nested: an ORUK 3.0 service package (a JSON array) that /import takes back")
            .ReturnsRecords(RecordScope.None);
        api.MapPost("/import", Import).WithName("ImportDirectory")
            .WithSummary("Add or replace services from an ORUK 3.0 service package, all or nothing; 400 lists every record rejected and why")
            .Accepts<JsonArray>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    public static async Task<IResult> CreateService([AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadObjectAsync(services.Http.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        GiveIds(body);
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
            return NotFound("service", id);
        }

        var (body, problem) = await ReadObjectAsync(services.Http.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body["id"] is { } bodyId && bodyId.GetValueKind() == JsonValueKind.String && bodyId.GetValue<string>() != id.ToString())
        {
            return Invalid(new Dictionary<string, string[]> { ["/id"] = [$"The body is service {bodyId}, not {id}."] });
        }

        body["id"] = id.ToString();
        GiveIds(body);
        return await SaveServiceAsync(body, services, created: false, cancellationToken);
    }

    public static async Task<Results<JsonHttpResult<OrukService>, ProblemHttpResult>> AssureService(Guid id, [AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        return await AssureAsync(services, id, cancellationToken) is null
            ? NotFound("service", id)
            : TypedResults.Json(await FullAsync(services, id, cancellationToken), Oruk.Json);
    }

    /// <summary>Marks a service's details as checked today by the signed-in admin (audited); null when there is no such service.</summary>
    public static async Task<Service?> AssureAsync(AdminServices services, Guid id, CancellationToken cancellationToken)
    {
        var service = await services.Db.Services.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return null;
        }

        service.AssuredDate = services.Today;
        service.AssurerEmail = services.Http.User.FindFirst("email")?.Value ?? service.AssurerEmail;
        service.LastModified = services.Time.GetUtcNow();
        services.Db.Audit(services.Http, "write", AuditResource, [id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        return service;
    }

    public static async Task<IResult> CreateOrganization([AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadObjectAsync(services.Http.Request, cancellationToken);
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

        var (organization, errors) = await SaveOrganizationAsync(services, body, null, cancellationToken);
        if (organization is null)
        {
            return Invalid(errors);
        }

        services.Http.Response.Headers.Location = $"/api/directory/organizations/{organization.Id}";
        return TypedResults.Json(OrukOrganization.From(organization), Oruk.Json, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> ReplaceOrganization(Guid id, [AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var organization = await services.Db.Organizations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return NotFound("organisation", id);
        }

        var (body, problem) = await ReadObjectAsync(services.Http.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        body["id"] ??= id.ToString();
        var (saved, errors) = await SaveOrganizationAsync(services, body, organization, cancellationToken);
        return saved is null ? Invalid(errors) : TypedResults.Json(OrukOrganization.From(saved), Oruk.Json);
    }

    /// <summary>
    /// Adds an organisation (<paramref name="existing"/> null) or changes one from an ORUK organization
    /// record, checked against the ORUK schema; audited. The errors are keyed by JSON pointer.
    /// </summary>
    public static async Task<(Organization? Saved, Dictionary<string, string[]> Errors)> SaveOrganizationAsync(
        AdminServices services, JsonObject body, Organization? existing, CancellationToken cancellationToken)
    {
        var (input, errors) = ReadOrganization(body);
        if (input is not null && existing is not null && input.Id != existing.Id)
        {
            errors["/id"] = [$"The body is organisation {input.Id}, not {existing.Id}."];
            input = null;
        }

        if (input is null)
        {
            return (null, errors);
        }

        var organization = existing ?? services.Db.Organizations.Add(new Organization { Id = input.Id }).Entity;
        organization.Name = input.Name!.Trim();
        organization.Description = input.Description!;
        organization.Email = input.Email;
        organization.Website = input.Website;
        organization.Uri = input.Uri;
        services.Db.Audit(services.Http, "write", OrganizationAuditResource, [organization.Id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        return (organization, errors);
    }

    public static async Task<IResult> Export([AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var package = await ExportAsync(services.Db, services.Time, cancellationToken);
        services.Http.Response.Headers.ContentDisposition = $"attachment; filename=\"directory-{services.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json\"";
        return TypedResults.Json(package, Oruk.Json);
    }

    /// <summary>Every service, fully nested, by organisation then name.</summary>
    public static async Task<List<OrukService>> ExportAsync(DirectoryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var all = await db.Services.WithEverything().OrderBy(s => s.Organization.Name).ThenBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var history = await ReferralHistory.LoadAsync(db, [.. all.Select(s => s.Id)], now, cancellationToken);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return [.. all.Select(s => OrukMapping.Full(s, history.GetValueOrDefault(s.Id), today))];
    }

    public static async Task<IResult> Import([AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken, MaxImportBytes);
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
        var (report, rejected) = await ImportAuditedAsync(services, package, cancellationToken);
        return report is not null ? TypedResults.Ok(report) : Rejected(rejected);
    }

    /// <summary>Every write to the directory's services goes through here: the import's checks, and an audit entry per service written.</summary>
    public static Task<(ImportReport? Report, IReadOnlyList<ImportRejection> Rejected)> ImportAuditedAsync(
        AdminServices services, JsonElement package, CancellationToken cancellationToken) =>
        new OrukImport(services.Db, services.Time).ImportAsync(
            package, ids => services.Db.Audit(services.Http, "write", AuditResource, ids, services.Time), cancellationToken);

    /// <summary>The 400 an import answers when it stored nothing: every rejected record, where it is in the file and why.</summary>
    public static ProblemHttpResult Rejected(IReadOnlyList<ImportRejection> rejected) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Nothing was imported",
        detail: rejected.Count == 1 && rejected[0].Index < 0
            ? rejected[0].Reasons[0]
            : $"{rejected.Count} of the records cannot be taken as they are, so none were stored. Correct them and send the whole file again.",
        extensions: new Dictionary<string, object?>
        {
            ["rejected"] = rejected.Take(MaxRejectionsReported).ToList(),
            ["rejected_count"] = rejected.Count,
        });

    private static async Task<IResult> SaveServiceAsync(JsonObject body, AdminServices services, bool created, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(new JsonArray(body.DeepClone()).ToJsonString());
        var (report, rejected) = await ImportAuditedAsync(services, document.RootElement, cancellationToken);
        if (report is null)
        {
            return Invalid(rejected.SelectMany(r => r.Reasons).GroupBy(Field, Reason).ToDictionary(g => g.Key, g => g.ToArray()));
        }

        var id = report.ServiceIds[0];
        var service = await FullAsync(services, id, cancellationToken);
        if (!created)
        {
            return TypedResults.Json(service, Oruk.Json);
        }

        services.Http.Response.Headers.Location = $"/api/directory/services/{id}";
        return TypedResults.Json(service, Oruk.Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<OrukService> FullAsync(AdminServices services, Guid id, CancellationToken cancellationToken)
    {
        var service = await services.Db.Services.WithEverything().SingleAsync(s => s.Id == id, cancellationToken);
        var history = await ReferralHistory.LoadAsync(services.Db, [id], services.Time.GetUtcNow(), cancellationToken);
        return OrukMapping.Full(service, history.GetValueOrDefault(id), services.Today);
    }

    /// <summary>Gives an id to the service and each nested record that has none (an organisation is always named, never made up).</summary>
    internal static void GiveIds(JsonObject service)
    {
        service["id"] ??= Guid.NewGuid().ToString();
        foreach (var list in new[] { "attributes", "schedules", "service_areas", "languages", "cost_options", "contacts", "service_at_locations" })
        {
            foreach (var item in Items(service, list))
            {
                item["id"] ??= Guid.NewGuid().ToString();
                foreach (var phone in Items(item, "phones"))
                {
                    phone["id"] ??= Guid.NewGuid().ToString();
                }

                if (item["location"] is JsonObject location)
                {
                    location["id"] ??= Guid.NewGuid().ToString();
                    foreach (var part in Items(location, "addresses").Concat(Items(location, "accessibility")))
                    {
                        part["id"] ??= Guid.NewGuid().ToString();
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Items(JsonObject owner, string list) =>
        owner[list] is JsonArray items ? items.OfType<JsonObject>() : [];

    private static (OrganizationInput? Input, Dictionary<string, string[]> Errors) ReadOrganization(JsonObject body)
    {
        var errors = new Dictionary<string, string[]>();
        using var document = JsonDocument.Parse(body.ToJsonString());
        var failures = OrukSchemas.Check("compiled/organization.json", document.RootElement);
        OrganizationInput? input = null;
        if (failures.Count == 0)
        {
            input = document.RootElement.Deserialize<OrganizationInput>(OrukImport.JsonOptions);
            if (string.IsNullOrWhiteSpace(input?.Name) || input.Name.Length > 200)
            {
                errors["/name"] = ["A name of 1 to 200 characters is needed."];
            }

            if (input?.Description is null || input.Description.Length > 4000)
            {
                errors["/description"] = ["A description of at most 4000 characters is needed."];
            }
        }

        foreach (var group in failures.GroupBy(Field, Reason))
        {
            errors[group.Key] = [.. group];
        }

        return errors.Count > 0 ? (null, errors) : (input, errors);
    }

    /// <summary>A single record's body, defensively read: 415, 413 and 400 as problems.</summary>
    private static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken, MaxRecordBytes);
        if (document is null)
        {
            return (null, problem);
        }

        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (JsonObject.Create(document.RootElement.Clone()), null)
                : (null, Invalid(new Dictionary<string, string[]> { ["$"] = ["The body must be a JSON object."] }));
        }
    }

    // A reason reads "/pointer: what is wrong"; the pointer is the field it is about.
    private static string Field(string reason) =>
        reason.StartsWith('/') && reason.IndexOf(": ", StringComparison.Ordinal) is > 0 and var at ? reason[..at] : "$";

    private static string Reason(string reason) =>
        reason.StartsWith('/') && reason.IndexOf(": ", StringComparison.Ordinal) is > 0 and var at ? reason[(at + 2)..] : reason;

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The record has mistakes; nothing was saved");

    private static ProblemHttpResult NotFound(string what, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}", detail: $"There is no {what} with id '{id}'.");
}

public sealed record AdminServices(DirectoryDbContext Db, TimeProvider Time, HttpContext Http)
{
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
}
