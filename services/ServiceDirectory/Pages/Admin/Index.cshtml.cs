using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Features.EditService;
using SocialPrescribing.ServiceDirectory.Features.ExportDirectory;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Pages.Admin;

/// <summary>
/// Keeping the directory: every service (or only those whose details nobody has checked for three
/// months) to open and change, mark as checked, and the way to add, import and export.
/// </summary>
public sealed class DirectoryAdminModel(DirectoryDbContext db, TimeProvider time, IAuthorizationService authorization) : AdminPageModel(authorization)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Words { get; set; }

    [BindProperty(SupportsGet = true)] public bool Stale { get; set; }

    /// <summary>From the query's <c>page</c> (Razor Pages keeps the route value of that name for itself).</summary>
    public int PageNumber { get; private set; } = 1;

    [BindProperty] public Guid Id { get; set; }

    public List<Row> Services { get; private set; } = [];

    public int Total { get; private set; }

    public int StaleCount { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public sealed record Row(Guid Id, string Name, string Organization, string Status, DateOnly? AssuredDate, bool Stale);

    /// <summary>Changes providers asked for through the link about their stale listing, not yet made.</summary>
    public List<AskedChange> Asked { get; private set; } = [];

    public sealed record AskedChange(Guid Id, Guid ServiceId, string ServiceName, string Changes, DateTimeOffset At);

    /// <summary>Imported services whose feed's terms are none of the directory's needs, and that have no need yet: nobody finds them by need.</summary>
    public List<Unmapped> NeedsMapping { get; private set; } = [];

    public sealed record Unmapped(Guid Id, string Name, IReadOnlyList<UnmappedTerm> Terms);

    /// <summary>An admin has made (or set aside) the changes a provider asked for: it leaves the list.</summary>
    public async Task<IActionResult> OnPostHandledAsync(Guid confirmationId, CancellationToken cancellationToken)
    {
        var asked = await db.ListingConfirmations.SingleOrDefaultAsync(c => c.Id == confirmationId, cancellationToken);
        if (asked is null)
        {
            return NotFound();
        }

        asked.Handled(time.GetUtcNow());
        db.Audit(HttpContext, "changes-done", DirectoryAudit.Service, [asked.ServiceId], time);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/directory");
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Asked = await db.ListingConfirmations.AsNoTracking()
            .Where(c => c.Outcome == "changes-asked" && c.HandledAt == null)
            .OrderBy(c => c.UsedAt)
            .Join(db.Services, c => c.ServiceId, s => s.Id, (c, s) => new AskedChange(c.Id, s.Id, s.Name, c.Changes!, c.UsedAt!.Value))
            .Take(100)
            .ToListAsync(cancellationToken);
        NeedsMapping = [.. (await db.Services.FromSql($"SELECT * FROM services WHERE unmapped_terms <> '[]'::jsonb").AsNoTracking()
                .Where(s => !s.Attributes.Any())
                .OrderBy(s => s.Name).ThenBy(s => s.Id)
                .Take(100)
                .Select(s => new { s.Id, s.Name, s.UnmappedTerms })
                .ToListAsync(cancellationToken))
            .Select(s => new Unmapped(s.Id, s.Name, s.UnmappedTerms))];
        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Max(1, page) : 1;
        var staleBefore = Service.StaleBefore(Today);
        var services = db.Services.AsNoTracking();
        StaleCount = await services.CountAsync(s => s.AssuredDate == null || s.AssuredDate < staleBefore, cancellationToken);
        if (Stale)
        {
            services = services.Where(s => s.AssuredDate == null || s.AssuredDate < staleBefore);
        }

        if (!string.IsNullOrWhiteSpace(Words))
        {
            var words = $"%{Words.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
            services = services.Where(s => EF.Functions.ILike(s.Name, words) || EF.Functions.ILike(s.Organization.Name, words));
        }

        Total = await services.CountAsync(cancellationToken);
        Services = [.. (await services.OrderBy(s => s.Name).ThenBy(s => s.Id)
                .Skip((PageNumber - 1) * PageSize).Take(PageSize)
                .Select(s => new { s.Id, s.Name, Organization = s.Organization.Name, s.Status, s.AssuredDate })
                .ToListAsync(cancellationToken))
            .Select(s => new Row(s.Id, s.Name, s.Organization, s.Status, s.AssuredDate, s.AssuredDate is not { } d || d < staleBefore))];
        return Page();
    }

    /// <summary>Someone has checked the service's details with it: no longer stale.</summary>
    public async Task<IActionResult> OnPostAssureAsync(CancellationToken cancellationToken)
    {
        var service = await EditServiceHandler.AssureAsync(new AdminServices(db, time, HttpContext), Id, cancellationToken);
        if (service is null)
        {
            return NotFound();
        }

        Done = $"{service.Name}: details marked as checked on {Today.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.";
        return Redirect(Link(1));
    }

    /// <summary>The whole directory as an ORUK 3.0 service package, to keep or to load elsewhere.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var package = await ExportDirectoryHandler.ExportAsync(db, time, cancellationToken);
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(package, Oruk.Json);
        return File(bytes, "application/json", $"directory-{Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json");
    }

    public string Link(int page) => "/admin/directory" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Words) ? null : Words, ["stale"] = Stale ? "true" : null, ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(p => p.Value is not null));
}
