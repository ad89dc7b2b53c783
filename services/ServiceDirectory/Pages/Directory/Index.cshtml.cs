using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using SocialPrescribing.ServiceDirectory.Features.BrowseDirectory;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Pages.Directory;

/// <summary>
/// Find local services: by what would help, near a postcode, for an age, with words. A GET form, so
/// it works without JavaScript and a search can be bookmarked or shared.
/// </summary>
public sealed class SearchModel(DirectoryDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 20;

    /// <summary>The API parameter each field feeds, so the API's checks speak to the right field.</summary>
    private static readonly (string Field, string Parameter)[] Fields =
        [("need", "taxonomy_term_id"), ("postcode", "postcode"), ("age", "minimum_age"), ("words", "search"), ("page", "page")];

    [BindProperty(SupportsGet = true)] public string? Need { get; set; }

    [BindProperty(SupportsGet = true)] public string? Postcode { get; set; }

    [BindProperty(SupportsGet = true)] public string? Age { get; set; }

    [BindProperty(SupportsGet = true)] public string? Words { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public string? PageNumber { get; set; }

    public IReadOnlyList<(string Code, string Name)> Needs { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    public bool Searched { get; private set; }

    public List<ServiceListing> Results { get; private set; } = [];

    public int Total { get; private set; }

    public int CurrentPage { get; private set; } = 1;

    public int TotalPages { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Our needs in the page's language, in its alphabetical order.
        Needs = [.. (await db.TaxonomyTerms.AsNoTracking().Select(t => new { t.Code, t.Name }).ToListAsync(cancellationToken))
            .Select(t => (t.Code, Name: ServiceListing.NeedName(t.Code, t.Name))).OrderBy(t => t.Name, StringComparer.CurrentCulture)];
        var given = new Dictionary<string, StringValues>();
        foreach (var (field, parameter) in Fields)
        {
            if (Request.Query.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                given[parameter] = value;
            }
        }

        Searched = given.Keys.Any(k => k != "page");
        if (!Searched)
        {
            return;
        }

        if (Need is not null && !Needs.Any(n => n.Code == Need))
        {
            Errors["need"] = DirectoryText.Get("Dir.ErrorNeed");
            given.Remove("taxonomy_term_id");
        }

        // A person's age is both ends of the range a service must cover.
        if (given.TryGetValue("minimum_age", out var age))
        {
            given["maximum_age"] = age;
        }

        given["per_page"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problems = new Dictionary<string, string[]>();
        var query = ServiceQuery.Read(new QueryCollection(given), problems);
        foreach (var (field, parameter) in Fields)
        {
            if (problems.TryGetValue(parameter, out var messages))
            {
                Errors[field] = field switch
                {
                    "postcode" => DirectoryText.Get("Dir.ErrorPostcode"),
                    "age" => DirectoryText.Get("Dir.ErrorAge"),
                    "words" => DirectoryText.Get("Dir.ErrorWords"),
                    _ => messages[0],
                };
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var termId = Need is null ? (Guid?)null : await db.TaxonomyTerms.Where(t => t.Code == Need).Select(t => (Guid?)t.Id).SingleAsync(cancellationToken);
        var (hits, total) = await ServiceSearch.FindAsync(db, query, termId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken);
        Results = await ServiceListing.LoadAsync(db, hits, time.GetUtcNow(), cancellationToken);
        Total = total;
        CurrentPage = query.Page;
        TotalPages = (total + PageSize - 1) / PageSize;
    }

    /// <summary>This search's address for another page of results.</summary>
    public string PageLink(int page) => QueryString.Create(
        new Dictionary<string, string?> { ["need"] = Need, ["postcode"] = Postcode, ["age"] = Age, ["words"] = Words, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToUriComponent() is var q ? "/directory" + q : "/directory";

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}
