using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Features.KeepListing;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Pages.Admin;

namespace SocialPrescribing.ServiceDirectory.Pages.Provider;

/// <summary>
/// A provider's own services: places in all and free, the wait now, pausing new referrals (then new requests join
/// the waiting list), and a link to change each one's details. Saving marks the details checked and is audited.
/// </summary>
public sealed class ProviderServicesModel(DirectoryDbContext db, TimeProvider time, IAuthorizationService authorization) : AdminPageModel(authorization)
{
    protected override string Policy => AccessPolicies.ServiceKeeper;

    [BindProperty] public Guid Id { get; set; }

    [BindProperty] public string? Places { get; set; }

    [BindProperty] public string? Free { get; set; }

    [BindProperty] public string? WaitDays { get; set; }

    [BindProperty] public bool Paused { get; set; }

    public List<KeptService> Services { get; private set; } = [];

    /// <summary>The service whose form was sent with mistakes (its fields keep what was typed).</summary>
    public Guid? Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Services = await ListingKeeping.ListAsync(new AdminServices(db, time, HttpContext), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCapacityAsync(CancellationToken cancellationToken)
    {
        var services = new AdminServices(db, time, HttpContext);
        var change = new CapacityChange(Number(Places, "places", "Places"), Number(Free, "free", "Free places"), Number(WaitDays, "wait", "The wait"), Paused);
        foreach (var (field, message) in change.Check().ToDictionary())
        {
            Errors.TryAdd($"{Field(field)}-{Id}", message[0]);
        }

        if (Errors.Count == 0)
        {
            var saved = await ListingKeeping.SetCapacityAsync(services, Id, change, cancellationToken);
            if (saved is null)
            {
                return NotFound();
            }

            Done = $"{saved.Name}: places and wait saved{(saved.ReferralsPaused ? "; new referrals are paused and join the waiting list" : "")}.";
            return RedirectToPage();
        }

        Editing = Id;
        Services = await ListingKeeping.ListAsync(services, cancellationToken);
        if (Services.All(s => s.Id != Id))
        {
            return NotFound();
        }

        return Invalid();
    }

    /// <summary>The value to show in a field: what was typed when this form came back with mistakes, else what is saved.</summary>
    public string? Shown(KeptService service, string field)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (Editing == service.Id)
        {
            return field switch { "places" => Places, "free" => Free, _ => WaitDays };
        }

        return (field switch { "places" => service.Maximum, "free" => service.Available, _ => service.StatedWaitDays })?.ToString(CultureInfo.InvariantCulture);
    }

    private static string Field(string apiField) => apiField switch { "maximum" => "places", "available" => "free", _ => "wait" };

    private int? Number(string? text, string field, string words)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Errors[$"{field}-{Id}"] = $"{words} must be a whole number, like 12";
        return null;
    }
}
