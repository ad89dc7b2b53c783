using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Extensions;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Apis;

/// <summary>The open ORUK 3.0 read API (no personal data; any origin may read it).</summary>
public static class DirectoryApi
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 200;

    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/directory").WithTags("Directory (ORUK 3.0)").RequireCors(AccessPolicies.OpenFeed);

        api.MapGet("/", GetRoot).WithName("GetOrukRoot").WithSummary("ORUK version and profile");
        api.MapGet("/services", ListServices).WithName("ListServices").WithSummary("Search services (ORUK page wrapper)");
        return app;
    }

    public static JsonHttpResult<OrukRoot> GetRoot() =>
        TypedResults.Json(new OrukRoot(Oruk.Version, Oruk.Profile, "/api/directory/openapi/v1.json"), Oruk.Json);

    public static async Task<Results<JsonHttpResult<OrukPage<OrukService>>, ValidationProblem>> ListServices(
        [AsParameters] ServiceQuery query,
        [AsParameters] DirectoryServices services,
        CancellationToken cancellationToken)
    {
        var page = query.Page ?? 1;
        var perPage = query.PerPage ?? DefaultPerPage;
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }

        if (perPage is < 1 or > MaxPerPage)
        {
            errors["per_page"] = [$"per_page must be between 1 and {MaxPerPage}."];
        }

        if (query.MinimumAge is < 0 or > 130)
        {
            errors["minimum_age"] = ["minimum_age must be between 0 and 130."];
        }

        if (query.MaximumAge is < 0 or > 130)
        {
            errors["maximum_age"] = ["maximum_age must be between 0 and 130."];
        }

        if (query.Search is { Length: > 200 })
        {
            errors["search"] = ["search must be 200 characters or fewer."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = services.Db.Services.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            found = found.Where(s => EF.Functions.ILike(s.Name, pattern) || EF.Functions.ILike(s.Description ?? "", pattern));
        }

        if (query.TaxonomyTermId is { } termId)
        {
            found = found.Where(s => s.TaxonomyTermIds.Contains(termId));
        }

        // The person's age range must overlap the service's eligibility.
        if (query.MinimumAge is { } minimumAge)
        {
            found = found.Where(s => s.MaximumAge == null || s.MaximumAge >= minimumAge);
        }

        if (query.MaximumAge is { } maximumAge)
        {
            found = found.Where(s => s.MinimumAge == null || s.MinimumAge <= maximumAge);
        }

        var total = await found.CountAsync(cancellationToken);
        var contents = await found
            .OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Skip((page - 1) * perPage).Take(perPage)
            .Select(s => new OrukService(
                s.Id, s.OrganizationId, s.Name, s.Description, s.Url, s.Email, s.Status, s.Fees, s.MinimumAge, s.MaximumAge,
                s.LastModified,
                new OrukOrganization(s.Organization.Id, s.Organization.Name, s.Organization.Description, s.Organization.Email, s.Organization.Website),
                new ServiceCapacity(s.CapacityAvailable, s.CapacityMaximum, s.WaitDays)))
            .ToListAsync(cancellationToken);
        return TypedResults.Json(OrukPage<OrukService>.Of(contents, total, page, perPage), Oruk.Json);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

public sealed record DirectoryServices(DirectoryDbContext Db);

public sealed record ServiceQuery(
    string? Search,
    int? Page,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] int? PerPage,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "taxonomy_term_id")] Guid? TaxonomyTermId,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "minimum_age")] int? MinimumAge,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "maximum_age")] int? MaximumAge);
