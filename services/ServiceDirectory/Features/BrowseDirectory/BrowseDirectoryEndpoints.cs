using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDefaults.Http;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Infrastructure.Seed;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;

namespace SocialPrescribing.ServiceDirectory.Features.BrowseDirectory;

/// <summary>The open ORUK 3.0 read API (no personal data; any origin may read it).</summary>
public static class BrowseDirectoryEndpoints
{
    public static IEndpointRouteBuilder MapBrowseDirectory(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/directory").WithTags("Directory (ORUK 3.0)").RequireCors(AccessPolicies.OpenFeed);

        api.MapGet("/", GetRoot).WithName("GetOrukRoot").WithSummary("ORUK version and profile");
        api.MapGet("/services", ListServices).WithName("ListServices")
            .WithSummary("Search services (ORUK page wrapper)")
            .WithDescription("search, page, per_page, taxonomy_term_id (an id or a need code), taxonomy_id, minimum_age, maximum_age, day, " +
                             "start_time, end_time, postcode, proximity (metres), status (active by default, or all). Nearest first after a postcode.");
        api.MapGet("/services/{id}", GetService).WithName("GetService").WithSummary("One service, fully nested");
        api.MapGet("/service_at_locations", ListServiceAtLocations).WithName("ListServiceAtLocations")
            .WithSummary("Services at their locations (the same parameters as /services)");
        api.MapGet("/service_at_locations/{id}", GetServiceAtLocation).WithName("GetServiceAtLocation").WithSummary("One service at a location");
        api.MapGet("/organizations", ListOrganizations).WithName("ListOrganizations").WithSummary("Organisations that run services");
        api.MapGet("/organizations/{id}", GetOrganization).WithName("GetOrganization").WithSummary("One organisation");
        api.MapGet("/taxonomies", ListTaxonomies).WithName("ListTaxonomies").WithSummary("Taxonomies");
        api.MapGet("/taxonomies/{id}", GetTaxonomy).WithName("GetTaxonomy").WithSummary("One taxonomy");
        api.MapGet("/taxonomy_terms", ListTaxonomyTerms).WithName("ListTaxonomyTerms").WithSummary("Taxonomy terms (the needs services meet)");
        api.MapGet("/taxonomy_terms/{id}", GetTaxonomyTerm).WithName("GetTaxonomyTerm").WithSummary("One taxonomy term");
        return app;
    }

    public static WholeJsonResult<OrukRoot> GetRoot() =>
        WholeJson.Of(new OrukRoot(Oruk.Version, Oruk.Profile, "/api/directory/openapi/v1.json"), Oruk.Json);

    public static async Task<Results<WholeJsonResult<OrukPage<OrukServiceSummary>>, ValidationProblem>> ListServices(
        HttpRequest request, [AsParameters] DirectoryServices services, CancellationToken cancellationToken)
    {
        var (query, termId, problem) = await ReadQueryAsync(request, services.Db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (hits, total) = await ServiceSearch.FindAsync(services.Db, query, termId, services.Today, cancellationToken);
        var contents = await OrukMapping.SummariesAsync(services.Db, hits, services.Time.GetUtcNow(), cancellationToken);
        return WholeJson.Of(OrukPage<OrukServiceSummary>.Of(contents, total, query.Page, query.PerPage), Oruk.Json);
    }

    public static async Task<Results<WholeJsonResult<System.Text.Json.Nodes.JsonObject>, ProblemHttpResult>> GetService(
        string id, [AsParameters] DirectoryServices services, CancellationToken cancellationToken)
    {
        var service = Guid.TryParse(id, out var serviceId)
            ? await services.Db.Services.WithEverything().SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken)
            : null;
        if (service is null)
        {
            return NotFound("service", id);
        }

        var history = await ReferralHistory.LoadAsync(services.Db, [service.Id], services.Time.GetUtcNow(), cancellationToken);
        return WholeJson.Of(OrukMapping.Record(service, history.GetValueOrDefault(service.Id), services.Today), Oruk.Json);
    }

    public static async Task<Results<WholeJsonResult<OrukPage<OrukServiceAtLocation>>, ValidationProblem>> ListServiceAtLocations(
        HttpRequest request, [AsParameters] DirectoryServices services, CancellationToken cancellationToken)
    {
        var (query, termId, problem) = await ReadQueryAsync(request, services.Db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (hits, total) = await ServiceSearch.FindAtLocationsAsync(services.Db, query, termId, services.Today, cancellationToken);
        var ids = hits.Select(h => h.Id).ToList();
        var places = await services.Db.ServiceAtLocations.WithPlace()
            .Where(l => ids.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, cancellationToken);
        var summaries = (await OrukMapping.SummariesAsync(
                services.Db, [.. places.Values.Select(p => p.ServiceId).Distinct().Select(s => new SearchHit(s, null))], services.Time.GetUtcNow(), cancellationToken))
            .ToDictionary(s => s.Id);
        var contents = hits.Where(h => places.ContainsKey(h.Id))
            .Select(h => OrukMapping.AtLocation(places[h.Id], summaries.GetValueOrDefault(places[h.Id].ServiceId), h.Distance))
            .ToList();
        return WholeJson.Of(OrukPage<OrukServiceAtLocation>.Of(contents, total, query.Page, query.PerPage), Oruk.Json);
    }

    public static async Task<Results<WholeJsonResult<System.Text.Json.Nodes.JsonObject>, ProblemHttpResult>> GetServiceAtLocation(
        string id, [AsParameters] DirectoryServices services, CancellationToken cancellationToken)
    {
        var place = Guid.TryParse(id, out var placeId)
            ? await services.Db.ServiceAtLocations.WithPlace().SingleOrDefaultAsync(l => l.Id == placeId, cancellationToken)
            : null;
        if (place is null)
        {
            return NotFound("service at location", id);
        }

        var summary = (await OrukMapping.SummariesAsync(services.Db, [new SearchHit(place.ServiceId, null)], services.Time.GetUtcNow(), cancellationToken)).SingleOrDefault();
        var source = await services.Db.Services.AsNoTracking().Where(s => s.Id == place.ServiceId).Select(s => s.Source).SingleOrDefaultAsync(cancellationToken);
        return WholeJson.Of(OrukSource.Over(OrukSource.Part(source, "service_at_locations", place.Id), OrukMapping.AtLocation(place, summary, null)), Oruk.Json);
    }

    public static Task<Results<WholeJsonResult<OrukPage<OrukOrganization>>, ValidationProblem>> ListOrganizations(
        HttpRequest request, [AsParameters] DirectoryServices services, CancellationToken cancellationToken) =>
        PageAsync(request, _ => services.Db.Organizations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id), OrukOrganization.From, cancellationToken);

    public static async Task<Results<WholeJsonResult<System.Text.Json.Nodes.JsonObject>, ProblemHttpResult>> GetOrganization(
        string id, [AsParameters] DirectoryServices services, CancellationToken cancellationToken)
    {
        var organization = Guid.TryParse(id, out var organizationId)
            ? await services.Db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            : null;
        return organization is null ? NotFound("organization", id) : WholeJson.Of(OrukSource.Over(organization.Source, OrukOrganization.From(organization)), Oruk.Json);
    }

    public static Task<Results<WholeJsonResult<OrukPage<OrukTaxonomy>>, ValidationProblem>> ListTaxonomies(
        HttpRequest request, [AsParameters] DirectoryServices services, CancellationToken cancellationToken) =>
        PageAsync(request, _ => services.Db.Taxonomies.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id), OrukTaxonomy.From, cancellationToken);

    public static async Task<Results<WholeJsonResult<OrukTaxonomy>, ProblemHttpResult>> GetTaxonomy(
        string id, [AsParameters] DirectoryServices services, CancellationToken cancellationToken)
    {
        var taxonomy = Guid.TryParse(id, out var taxonomyId)
            ? await services.Db.Taxonomies.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taxonomyId, cancellationToken)
            : null;
        return taxonomy is null ? NotFound("taxonomy", id) : WholeJson.Of(OrukTaxonomy.From(taxonomy), Oruk.Json);
    }

    public static Task<Results<WholeJsonResult<OrukPage<OrukTaxonomyTerm>>, ValidationProblem>> ListTaxonomyTerms(
        HttpRequest request, [AsParameters] DirectoryServices services, CancellationToken cancellationToken) =>
        PageAsync(
            request,
            query => services.Db.TaxonomyTerms.AsNoTracking().Include(t => t.Taxonomy)
                .Where(t => query.TaxonomyId == null || t.TaxonomyId == query.TaxonomyId)
                .OrderBy(t => t.Name).ThenBy(t => t.Id),
            t => OrukTaxonomyTerm.From(t, t.Taxonomy.Name),
            cancellationToken);

    public static async Task<Results<WholeJsonResult<OrukTaxonomyTerm>, ProblemHttpResult>> GetTaxonomyTerm(
        string id, [AsParameters] DirectoryServices services, CancellationToken cancellationToken)
    {
        var term = Guid.TryParse(id, out var termId)
            ? await services.Db.TaxonomyTerms.AsNoTracking().Include(t => t.Taxonomy).SingleOrDefaultAsync(t => t.Id == termId, cancellationToken)
            : null;
        return term is null ? NotFound("taxonomy term", id) : WholeJson.Of(OrukTaxonomyTerm.From(term, term.Taxonomy.Name), Oruk.Json);
    }

    /// <summary>One page of a simple ORUK list (organisations, taxonomies, terms), in the page wrapper.</summary>
    private static async Task<Results<WholeJsonResult<OrukPage<TOut>>, ValidationProblem>> PageAsync<T, TOut>(
        HttpRequest request, Func<ServiceQuery, IOrderedQueryable<T>> listed, Func<T, TOut> map, CancellationToken cancellationToken)
    {
        var (query, problem) = ReadQuery(request);
        if (problem is not null)
        {
            return problem;
        }

        var all = listed(query);
        var total = await all.CountAsync(cancellationToken);
        var contents = await all.Skip((query.Page - 1) * query.PerPage).Take(query.PerPage).ToListAsync(cancellationToken);
        return WholeJson.Of(OrukPage<TOut>.Of([.. contents.Select(map)], total, query.Page, query.PerPage), Oruk.Json);
    }

    /// <summary>The query's parameters, or a problem naming each mistake.</summary>
    private static (ServiceQuery Query, ValidationProblem? Problem) ReadQuery(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ServiceQuery.Read(request.Query, errors);
        return (query, errors.Count > 0 ? Problem(errors) : null);
    }

    private static ValidationProblem Problem(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The query has mistakes");

    /// <summary>The service query with a need code turned into its term id; or a problem naming each mistake.</summary>
    private static async Task<(ServiceQuery Query, Guid? TermId, ValidationProblem? Problem)> ReadQueryAsync(
        HttpRequest request, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ServiceQuery.Read(request.Query, errors);
        var termId = query.TaxonomyTermId;
        if (query.NeedCode is { } code)
        {
            // Our needs have fixed ids: no round trip for them (a term added some other way is looked up).
            termId = NeedsTaxonomy.Terms.Where(t => t.Code == code).Select(t => (Guid?)t.Id).FirstOrDefault()
                ?? await db.TaxonomyTerms.Where(t => t.Code == code).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (termId is null)
            {
                errors["taxonomy_term_id"] = [$"There is no need '{code}'; see /api/directory/taxonomy_terms."];
            }
        }

        return errors.Count > 0
            ? (query, null, Problem(errors))
            : (query, termId, null);
    }

    private static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}",
            detail: $"There is no {what} with id '{(id.Length > 64 ? id[..64] : id)}'.");
}

public sealed record DirectoryServices(DirectoryDbContext Db, TimeProvider Time)
{
    /// <summary>Today (UTC), for whether details are stale.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
}
