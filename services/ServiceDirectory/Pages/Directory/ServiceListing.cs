using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Pages.Directory;

/// <summary>What the public pages say about a service, in plain words.</summary>
public sealed record ServiceListing(Service Service, double? Distance, ReferralHistory? History, bool Stale)
{
    /// <summary>The services of <paramref name="hits"/> in order, with what the pages show of them.</summary>
    public static async Task<List<ServiceListing>> LoadAsync(
        DirectoryDbContext db, IReadOnlyList<SearchHit> hits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = hits.Select(h => h.Id).ToList();
        var services = await db.Services.Where(s => ids.Contains(s.Id)).WithEverything().ToDictionaryAsync(s => s.Id, cancellationToken);
        var history = await ReferralHistory.LoadAsync(db, ids, now, cancellationToken);
        return [.. hits.Where(h => services.ContainsKey(h.Id)).Select(h => new ServiceListing(services[h.Id], h.Distance, history.GetValueOrDefault(h.Id), services[h.Id].IsStale(DateOnly.FromDateTime(now.UtcDateTime))))];
    }

    public Address? Address => Service.ServiceAtLocations.SelectMany(l => l.Location.Addresses).FirstOrDefault();

    /// <summary>The record as the feed sent it, read once for the fields below.</summary>
    private readonly Lazy<System.Text.Json.Nodes.JsonNode?> _sent = new(() => Service.Source is { } source ? System.Text.Json.Nodes.JsonNode.Parse(source) : null);

    /// <summary>HSDS <c>application_process</c>, as the feed wrote it: how to join.</summary>
    public string? ApplicationProcess => OrukSource.Text(_sent.Value, "application_process");

    /// <summary>HSDS <c>eligibility_description</c>: who it is for, in the service's words.</summary>
    public string? Eligibility => OrukSource.Text(_sent.Value, "eligibility_description");

    /// <summary>HSDS <c>interpretation_services</c>.</summary>
    public string? Interpreting => OrukSource.Text(_sent.Value, "interpretation_services");

    /// <summary>HSDS <c>wait_time</c>, as the feed wrote it.</summary>
    public string? WaitTime => OrukSource.Text(_sent.Value, "wait_time");

    /// <summary>"0.8 miles away" (UK road signs use miles), in the page's language.</summary>
    public string? DistanceWords => Distance is { } metres
        ? (metres / 1609.344) switch
        {
            < 0.1 => DirectoryText.Get("List.LessThanTenth"),
            var miles and < 10 => DirectoryText.Format("List.MilesAway", miles.ToString("0.0", CultureInfo.CurrentCulture)),
            var miles => DirectoryText.Format("List.MilesAway", Math.Round(miles)),
        }
        : null;

    public string When => Service.Schedules.Count == 0
        ? DirectoryText.Get("List.AskService")
        : string.Join("; ", Service.Schedules.Select(s => s.Description ?? s.ByDay));

    public string Cost => Service.Fees ?? DirectoryText.Get(Service.CostOptions.All(c => c.Amount is null or 0) ? "List.Free" : "List.AskService");

    /// <summary>Whether someone referred now could start soon, in words.</summary>
    public string Places => Service.ReferralsPaused ? DirectoryText.Get("List.Paused") : (Service.CapacityAvailable, Service.WaitToShow) switch
    {
        (null, _) => DirectoryText.Get("List.AskPlaces"),
        ( > 0, 0) => DirectoryText.Get("List.PlacesNow"),
        ( > 0, var days) => DirectoryText.Format("List.PlacesDays", Days(days)),
        (_, 0) => DirectoryText.Get("List.FullList"),
        (_, var days) => DirectoryText.Format("List.FullDays", Days(days)),
    };

    public string? Ages => (Service.MinimumAge, Service.MaximumAge) switch
    {
        (null, null) => null,
        ({ } min, null) => DirectoryText.Format("List.AgedOver", min),
        (null, { } max) => DirectoryText.Format("List.AgedUnder", max),
        ({ } min, { } max) => DirectoryText.Format("List.AgedRange", min, max),
    };

    /// <summary>How the service answered referrals lately, or null when there is no history yet.</summary>
    public string? HistoryWords => (History?.AcceptanceRate, History?.MedianResponseDays) switch
    {
        (null, _) => null,
        ({ } rate, { } days) => DirectoryText.Format("List.HistoryDays", rate.ToString("P0", CultureInfo.CurrentCulture), Days((int)Math.Max(1, Math.Ceiling(days)))),
        ({ } rate, null) => DirectoryText.Format("List.History", rate.ToString("P0", CultureInfo.CurrentCulture)),
    };

    /// <summary>The service's words for a need (ours in the page's language; an imported term as the feed named it).</summary>
    public static string NeedName(string code, string name) => SocialPrescribing.WebUI.NeedText.Find(code) ?? name;

    private static string Days(int days) => days == 1 ? DirectoryText.Get("List.Day") : DirectoryText.Format("List.Days", days);
}
