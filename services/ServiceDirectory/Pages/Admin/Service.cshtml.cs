using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Features.EditService;
using SocialPrescribing.ServiceDirectory.Features.ImportDirectory;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Pages.Admin;

/// <summary>
/// Add a service, or change one: what it is, who runs it, the needs it meets, who it is for, its
/// places, and its main meeting (days, times and place). The form becomes an ORUK 3.0 record and is
/// saved exactly as an API write or an import would be, with the same checks. Anything the form
/// does not show (further meetings and places, languages, contacts) is kept as it was.
/// </summary>
public sealed partial class ServiceEditModel(DirectoryDbContext db, TimeProvider time, IAuthorizationService authorization) : AdminPageModel(authorization)
{
    public static readonly IReadOnlyList<(string Code, string Name)> Days =
        [("MO", "Monday"), ("TU", "Tuesday"), ("WE", "Wednesday"), ("TH", "Thursday"), ("FR", "Friday"), ("SA", "Saturday"), ("SU", "Sunday")];

    /// <summary>Where each part of an ORUK record is asked on this form, so a check's pointer finds its field.</summary>
    private static readonly (string Pointer, string Field)[] FieldOf =
    [
        ("/name", "name"), ("/organization", "organization"), ("/description", "description"), ("/status", "status"),
        ("/attributes", "needs"), ("/minimum_age", "minimum-age"), ("/maximum_age", "maximum-age"), ("/capacity", "places"),
        ("/fees", "fees"), ("/url", "url"), ("/email", "email"), ("/alert", "alert"), ("/schedules/0/byday", "days"),
        ("/schedules/0/closes_at", "closes-at"), ("/schedules/0", "opens-at"), ("/service_at_locations/0", "postcode"),
    ];

    [FromRoute] public Guid? Id { get; set; }

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public Guid? OrganizationId { get; set; }

    [BindProperty] public string? Description { get; set; }

    [BindProperty] public string Status { get; set; } = ServiceStatus.Active;

    [BindProperty] public List<string> Needs { get; set; } = [];

    [BindProperty] public string? MinimumAge { get; set; }

    [BindProperty] public string? MaximumAge { get; set; }

    [BindProperty] public string? Places { get; set; }

    [BindProperty] public string? Fees { get; set; }

    [BindProperty] public string? Website { get; set; }

    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? Alert { get; set; }

    [BindProperty] public List<string> MeetingDays { get; set; } = [];

    [BindProperty] public string? OpensAt { get; set; }

    [BindProperty] public string? ClosesAt { get; set; }

    [BindProperty] public string? Venue { get; set; }

    [BindProperty] public string? Address { get; set; }

    [BindProperty] public string? Town { get; set; }

    [BindProperty] public string? Postcode { get; set; }

    [BindProperty] public bool Checked { get; set; }

    public string? AssuredDate { get; private set; }

    public bool Stale { get; private set; }

    /// <summary>Terms the feed gave that are none of the directory's needs, to choose needs from (kept on the record).</summary>
    public IReadOnlyList<UnmappedTerm> FeedTerms { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Organizations { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Code, string Name)> Terms { get; private set; } = [];

    public bool Adding => Id is null;

    /// <summary>Reached as <c>/provider/services/{id}/details</c>: a provider keeping their own organisation's service.</summary>
    public bool ForProvider => HttpContext.Request.Path.StartsWithSegments("/provider", StringComparison.OrdinalIgnoreCase);

    protected override string Policy => ForProvider ? AccessPolicies.ServiceKeeper : AccessPolicies.DirectoryAdmin;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        if (Adding)
        {
            Checked = true;
            return Page();
        }

        var record = await RecordAsync(Id!.Value, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        Show(record);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        // A provider's own changes are a check of the details: the stale flag clears.
        Checked |= ForProvider;
        var record = Adding ? new JsonObject { ["id"] = Guid.NewGuid().ToString() } : await RecordAsync(Id!.Value, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        AssuredDate = record["assured_date"]?.GetValue<string>();
        Fill(record);
        if (Errors.Count > 0)
        {
            return Invalid();
        }

        Prune(record);
        EditServiceHandler.GiveIds(record);
        using var package = JsonDocument.Parse(new JsonArray(record).ToJsonString());
        var (report, rejected) = await ImportDirectoryHandler.ImportAuditedAsync(new AdminServices(db, time, HttpContext), package.RootElement, cancellationToken);
        if (report is null)
        {
            foreach (var reason in rejected.SelectMany(r => r.Reasons))
            {
                var field = FieldOf.FirstOrDefault(f => reason.StartsWith(f.Pointer, StringComparison.Ordinal)).Field ?? "name";
                Errors.TryAdd(field, Plain(reason));
            }

            return Invalid();
        }

        Done = $"{Name!.Trim()} {(Adding ? "added to" : "saved in")} the directory.";
        return Redirect(ForProvider ? "/provider/services" : $"/admin/directory/services/{report.ServiceIds[0]}");
    }

    /// <summary>The service as ORUK has it, less what only the directory works out (history, staleness).</summary>
    private async Task<JsonObject?> RecordAsync(Guid id, CancellationToken cancellationToken)
    {
        // Another organisation's service is not there for a provider (404).
        var service = await db.Services.KeptBy(User).WithEverything().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return null;
        }

        var record = OrukMapping.Record(service, null, Today);
        Stale = service.IsStale(Today);
        FeedTerms = service.UnmappedTerms;
        foreach (var worked in new[] { "referral_history", "stale", "distance", "organization", "last_modified" })
        {
            record.Remove(worked);
        }

        return record;
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Organizations = [.. (await db.Organizations.AsNoTracking().KeptBy(User).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            .Select(o => (o.Id, o.Name))];
        Terms = [.. (await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(cancellationToken))
            .Select(t => (t.Id, t.Code, t.Name))];
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // "/schedules/0: closes before it opens." → "Closes before it opens."
    private static string Plain(string reason)
    {
        var text = reason.IndexOf(": ", StringComparison.Ordinal) is > 0 and var at && reason.StartsWith('/') ? reason[(at + 2)..] : reason;
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].TrimEnd('.');
    }
}
