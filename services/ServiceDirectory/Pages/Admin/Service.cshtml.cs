using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Geography;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.ServiceDirectory.Features.BrowseDirectory;
using SocialPrescribing.ServiceDirectory.Features.ProviderInbox;
using SocialPrescribing.ServiceDirectory.Features.EditService;
using SocialPrescribing.ServiceDirectory.Features.EditOrganization;
using SocialPrescribing.ServiceDirectory.Features.ImportDirectory;
using SocialPrescribing.ServiceDirectory.Features.ExportDirectory;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Pages.Admin;

/// <summary>
/// Add a service, or change one: what it is, who runs it, the needs it meets, who it is for, its
/// places, and its main meeting (days, times and place). The form becomes an ORUK 3.0 record and is
/// saved exactly as an API write or an import would be, with the same checks. Anything the form
/// does not show (further meetings and places, languages, contacts) is kept as it was.
/// </summary>
public sealed class ServiceEditModel(DirectoryDbContext db, TimeProvider time, IAuthorizationService authorization) : AdminPageModel(authorization)
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

    public IReadOnlyList<(Guid Id, string Name)> Organizations { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Code, string Name)> Terms { get; private set; } = [];

    public bool Adding => Id is null;

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
        return Redirect($"/admin/directory/services/{report.ServiceIds[0]}");
    }

    /// <summary>The service as ORUK has it, less what only the directory works out (history, staleness).</summary>
    private async Task<JsonObject?> RecordAsync(Guid id, CancellationToken cancellationToken)
    {
        var service = await db.Services.WithEverything().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return null;
        }

        var record = JsonSerializer.SerializeToNode(OrukMapping.Full(service, null, Today), Oruk.Json)!.AsObject();
        Stale = service.IsStale(Today);
        foreach (var worked in new[] { "referral_history", "stale", "distance", "organization", "last_modified" })
        {
            record.Remove(worked);
        }

        return record;
    }

    private void Show(JsonObject record)
    {
        Name = record["name"]?.GetValue<string>();
        OrganizationId = Guid.Parse(record["organization_id"]!.GetValue<string>());
        Description = record["description"]?.GetValue<string>();
        Status = record["status"]!.GetValue<string>();
        Needs = [.. record["attributes"]!.AsArray().Select(a => a!["taxonomy_term"]!["code"]!.GetValue<string>())];
        MinimumAge = record["minimum_age"]?.ToString();
        MaximumAge = record["maximum_age"]?.ToString();
        Places = record["capacity"]?["maximum"]?.ToString();
        Fees = record["fees"]?.GetValue<string>();
        Website = record["url"]?.GetValue<string>();
        Email = record["email"]?.GetValue<string>();
        Alert = record["alert"]?.GetValue<string>();
        AssuredDate = record["assured_date"]?.GetValue<string>();
        if (record["schedules"]?.AsArray().FirstOrDefault() is JsonObject schedule)
        {
            MeetingDays = [.. (schedule["byday"]?.GetValue<string>() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];
            OpensAt = schedule["opens_at"]?.GetValue<string>()?[..5];
            ClosesAt = schedule["closes_at"]?.GetValue<string>()?[..5];
        }

        if (record["service_at_locations"]?.AsArray().FirstOrDefault()?["location"] is JsonObject location)
        {
            Venue = location["name"]?.GetValue<string>();
            var address = location["addresses"]?.AsArray().FirstOrDefault();
            Address = address?["address_1"]?.GetValue<string>();
            Town = address?["city"]?.GetValue<string>();
            Postcode = address?["postal_code"]?.GetValue<string>();
        }
    }

    /// <summary>The form's answers into the ORUK record; what cannot even be read is an error here.</summary>
    private void Fill(JsonObject record)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            Errors["name"] = "Enter the name of the service";
        }

        record["name"] = Name?.Trim();
        record["organization_id"] = OrganizationId?.ToString();
        if (OrganizationId is null || !Organizations.Any(o => o.Id == OrganizationId))
        {
            Errors["organization"] = "Choose the organisation that runs the service";
        }

        record["description"] = Blank(Description);
        record["status"] = ServiceStatus.All.Contains(Status) ? Status : ServiceStatus.Active;
        record["fees"] = Blank(Fees);
        record["url"] = Blank(Website);
        record["email"] = Blank(Email);
        record["alert"] = Blank(Alert);
        record["minimum_age"] = Number("minimum-age", MinimumAge, "Enter the youngest age as a number of years, like 18");
        record["maximum_age"] = Number("maximum-age", MaximumAge, "Enter the oldest age as a number of years, like 65");
        record["capacity"] = new JsonObject { ["maximum"] = Number("places", Places, "Enter the number of places, like 12") ?? 0 };
        if (Checked)
        {
            record["assured_date"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            record["assurer_email"] = User.FindFirst("email")?.Value ?? record["assurer_email"]?.GetValue<string>();
        }

        var unknownNeed = Needs.FirstOrDefault(code => Terms.All(t => t.Code != code));
        if (unknownNeed is not null)
        {
            Errors["needs"] = "Choose needs from the list";
        }

        record["attributes"] = new JsonArray([.. Terms.Where(t => Needs.Contains(t.Code)).Select(t => (JsonNode)new JsonObject { ["taxonomy_term_id"] = t.Id.ToString() })]);
        FillMeeting(record);
        FillPlace(record);
    }

    private void FillMeeting(JsonObject record)
    {
        var schedules = record["schedules"] as JsonArray ?? [];
        record["schedules"] = schedules;
        var first = schedules.FirstOrDefault() as JsonObject;
        var days = Days.Where(d => MeetingDays.Contains(d.Code)).Select(d => d.Code).ToList();
        if (days.Count == 0 && string.IsNullOrWhiteSpace(OpensAt) && string.IsNullOrWhiteSpace(ClosesAt))
        {
            if (first is not null)
            {
                schedules.Remove(first);
            }

            return;
        }

        if (first is null)
        {
            first = new JsonObject { ["freq"] = "WEEKLY" };
            schedules.Insert(0, first);
        }

        if (days.Count == 0)
        {
            Errors["days"] = "Choose the days the service meets";
        }

        first["byday"] = string.Join(',', days);
        first["opens_at"] = Blank(OpensAt);
        first["closes_at"] = Blank(ClosesAt);
    }

    private void FillPlace(JsonObject record)
    {
        var places = record["service_at_locations"] as JsonArray ?? [];
        record["service_at_locations"] = places;
        var first = places.FirstOrDefault() as JsonObject;
        if (new[] { Venue, Address, Town, Postcode }.All(string.IsNullOrWhiteSpace))
        {
            if (first is not null)
            {
                places.Remove(first);
            }

            return;
        }

        var centre = Postcode is null ? null : PostcodeDistricts.CentreOf(Postcode);
        if (centre is null)
        {
            Errors["postcode"] = "Enter a UK postcode we know, like LS11 9QX";
        }

        if (string.IsNullOrWhiteSpace(Address) || string.IsNullOrWhiteSpace(Town))
        {
            Errors[string.IsNullOrWhiteSpace(Address) ? "address" : "town"] = "Enter the address and town where the service meets";
        }

        var location = first?["location"] as JsonObject ?? new JsonObject { ["location_type"] = "physical" };
        if (first is null)
        {
            places.Insert(0, new JsonObject { ["location"] = location });
        }

        location["name"] = Blank(Venue);
        location["latitude"] = centre?.Latitude;
        location["longitude"] = centre?.Longitude;
        var address = (location["addresses"] as JsonArray)?.FirstOrDefault() as JsonObject ?? new JsonObject();
        location["addresses"] = new JsonArray(address.Parent is null ? address : address.DeepClone());
        var kept = location["addresses"]!.AsArray()[0]!.AsObject();
        kept["address_1"] = Address?.Trim();
        kept["city"] = Town?.Trim();
        kept["state_province"] = kept["state_province"]?.GetValue<string>() ?? "";
        kept["postal_code"] = Postcode?.Trim().ToUpperInvariant();
        kept["country"] = "GB";
        kept["address_type"] = "physical";
    }

    /// <summary>ORUK leaves out what is not known: a field the form left empty is no field at all.</summary>
    private static void Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var empty in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(empty);
                }

                foreach (var (_, value) in obj)
                {
                    Prune(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Prune(item);
                }

                break;
        }
    }

    private JsonNode? Number(string field, string? text, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Errors[field] = message;
        return null;
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Organizations = [.. (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
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
