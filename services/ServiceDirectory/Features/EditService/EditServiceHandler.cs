using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features.EditService;

/// <summary>A service's edits for the API and the admin pages alike: marked as checked, read back whole, new records given ids.</summary>
public static class EditServiceHandler
{
    /// <summary>Marks a service's details as checked today by the signed-in admin (audited); null when there is no such service.</summary>
    public static async Task<Service?> AssureAsync(AdminServices services, Guid id, CancellationToken cancellationToken)
    {
        var service = await services.Db.Services.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return null;
        }

        service.MarkChecked(services.Http.User.FindFirst("email")?.Value, services.Time.GetUtcNow());
        services.Db.Audit(services.Http, "write", DirectoryAudit.Service, [id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        return service;
    }

    public static async Task<JsonObject> FullAsync(AdminServices services, Guid id, CancellationToken cancellationToken)
    {
        var service = await services.Db.Services.WithEverything().SingleAsync(s => s.Id == id, cancellationToken);
        var history = await ReferralHistory.LoadAsync(services.Db, [id], services.Time.GetUtcNow(), cancellationToken);
        return OrukMapping.Record(service, history.GetValueOrDefault(id), services.Today);
    }

    /// <summary>Gives an id to the service and each nested record that has none (an organisation is always named, never made up).</summary>
    public static void GiveIds(JsonObject service)
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
}
