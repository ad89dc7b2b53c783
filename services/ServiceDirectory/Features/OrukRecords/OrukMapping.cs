using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features.OrukRecords;

/// <summary>Loads services with what their ORUK shape needs, and writes them in that shape.</summary>
internal static class OrukMapping
{
    /// <summary>The services of <paramref name="hits"/>, in the hits' order, as list entries.</summary>
    public static async Task<List<OrukServiceSummary>> SummariesAsync(
        DirectoryDbContext db, IReadOnlyList<SearchHit> hits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = hits.Select(h => h.Id).ToList();
        // One round trip: a page of services has few needs each.
        var services = await db.Services.AsNoTracking().AsSingleQuery()
            .Include(s => s.Organization)
            .Include(s => s.Attributes).ThenInclude(a => a.TaxonomyTerm).ThenInclude(t => t.Taxonomy)
            .Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var history = await ReferralHistory.LoadAsync(db, ids, now, cancellationToken);
        return [.. hits.Where(h => services.ContainsKey(h.Id)).Select(h => Summary(services[h.Id], h.Distance, history.GetValueOrDefault(h.Id), DateOnly.FromDateTime(now.UtcDateTime)))];
    }

    /// <summary>Everything ORUK nests under a service.</summary>
    public static IQueryable<Service> WithEverything(this IQueryable<Service> services) =>
        services.AsNoTracking().AsSplitQuery()
            .Include(s => s.Organization)
            .Include(s => s.Attributes).ThenInclude(a => a.TaxonomyTerm).ThenInclude(t => t.Taxonomy)
            .Include(s => s.Schedules)
            .Include(s => s.ServiceAreas)
            .Include(s => s.Languages)
            .Include(s => s.CostOptions)
            .Include(s => s.Contacts).ThenInclude(c => c.Phones)
            .Include(s => s.ServiceAtLocations).ThenInclude(l => l.Location).ThenInclude(l => l.Addresses)
            .Include(s => s.ServiceAtLocations).ThenInclude(l => l.Location).ThenInclude(l => l.Accessibility);

    /// <summary>A service at a location with its place: address and accessibility.</summary>
    public static IQueryable<ServiceAtLocation> WithPlace(this IQueryable<ServiceAtLocation> places) =>
        places.AsNoTracking().AsSplitQuery()
            .Include(l => l.Location).ThenInclude(l => l.Addresses)
            .Include(l => l.Location).ThenInclude(l => l.Accessibility);

    public static OrukServiceSummary Summary(Service s, double? distance, ReferralHistory? history, DateOnly today) => new(
        s.Id, s.OrganizationId, s.Name, s.Description, s.Url, s.Email, s.Status, s.Fees, s.Accreditations,
        s.MinimumAge, s.MaximumAge, Date(s.AssuredDate), s.AssurerEmail, s.Alert, s.LastModified,
        OrukOrganization.From(s.Organization), Attributes(s), Capacity(s), history ?? ReferralHistory.None,
        s.IsStale(today), Metres(distance));

    public static OrukService Full(Service s, ReferralHistory? history, DateOnly today) => new(
        Summary(s, null, history, today),
        [.. s.Schedules.OrderBy(x => x.ByDay, StringComparer.Ordinal).ThenBy(x => x.OpensAt).ThenBy(x => x.Id).Select(x => new OrukSchedule(
            x.Id, x.ServiceId, x.Freq, x.Interval, x.ByDay, Time(x.OpensAt), Time(x.ClosesAt), x.Description, x.AttendingType))],
        [.. s.ServiceAreas.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id).Select(a => new OrukServiceArea(a.Id, a.ServiceId, a.Name, a.Extent, a.ExtentType))],
        [.. s.ServiceAtLocations.OrderBy(l => l.Location.Name, StringComparer.Ordinal).ThenBy(l => l.Id).Select(l => AtLocation(l, null, null))],
        [.. s.Languages.OrderBy(l => l.Code == "en" ? 0 : 1).ThenBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Id)
            .Select(l => new OrukLanguage(l.Id, l.ServiceId, l.Name, l.Code, l.Note))],
        [.. s.CostOptions.OrderBy(c => c.Amount).ThenBy(c => c.Id).Select(c => new OrukCostOption(c.Id, c.ServiceId, c.Option, c.Amount, c.AmountDescription))],
        [.. s.Contacts.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id).Select(c => new OrukContact(c.Id, c.ServiceId, c.Name, c.Title, c.Email,
            [.. c.Phones.OrderBy(p => p.Number, StringComparer.Ordinal).ThenBy(p => p.Id).Select(p => new OrukPhone(p.Id, p.ContactId, p.Number, p.Type, p.Description))]))]);

    /// <summary>A service as the API gives it: the record last written, with what the directory models laid over it (<see cref="OrukSource"/>).</summary>
    public static System.Text.Json.Nodes.JsonObject Record(Service s, ReferralHistory? history, DateOnly today) => OrukSource.Over(s.Source, Full(s, history, today));

    public static OrukServiceAtLocation AtLocation(ServiceAtLocation l, OrukServiceSummary? service, double? distance) => new(
        l.Id, l.ServiceId, l.LocationId, l.Description, Location(l.Location), service, Metres(distance));

    public static OrukLocation Location(Location l) => new(
        l.Id, l.LocationType, l.Name, l.Description, l.Latitude, l.Longitude,
        [.. l.Addresses.OrderBy(a => a.AddressType, StringComparer.Ordinal).ThenBy(a => a.Id).Select(a => new OrukAddress(a.Id, a.LocationId, a.Address1, a.City, a.Region, a.StateProvince, a.PostalCode, a.Country, a.AddressType))],
        [.. l.Accessibility.OrderBy(a => a.Description, StringComparer.Ordinal).ThenBy(a => a.Id).Select(a => new OrukAccessibility(a.Id, a.LocationId, a.Description, a.Details))]);

    private static List<OrukAttribute> Attributes(Service s) =>
    [
        .. s.Attributes.OrderBy(a => a.TaxonomyTerm.Name, StringComparer.Ordinal).ThenBy(a => a.Id).Select(a => new OrukAttribute(
            a.Id, s.Id, "service", "service", a.TaxonomyTermId, OrukTaxonomyTerm.From(a.TaxonomyTerm, a.TaxonomyTerm.Taxonomy.Name))),
    ];

    private static ServiceCapacity Capacity(Service s) => new(s.CapacityAvailable, s.CapacityMaximum, s.WaitToShow, s.ReferralsPaused);

    private static int? Metres(double? distance) => distance is { } d ? (int)Math.Round(d) : null;

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Time(TimeOnly? time) => time?.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>One service (or service at a location) found, with how far its nearest place is from the postcode searched (metres).</summary>
public sealed record SearchHit(Guid Id, double? Distance);
