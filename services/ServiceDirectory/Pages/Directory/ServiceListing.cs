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

    /// <summary>"0.8 miles away" (UK road signs use miles).</summary>
    public string? DistanceWords => Distance is { } metres
        ? (metres / 1609.344) switch
        {
            < 0.1 => "less than 0.1 miles away",
            var miles and < 10 => $"{miles.ToString("0.0", CultureInfo.InvariantCulture)} miles away",
            var miles => $"{Math.Round(miles).ToString(CultureInfo.InvariantCulture)} miles away",
        }
        : null;

    public string When => Service.Schedules.Count == 0
        ? "Ask the service"
        : string.Join("; ", Service.Schedules.Select(s => s.Description ?? s.ByDay));

    public string Cost => Service.Fees ?? (Service.CostOptions.All(c => c.Amount is null or 0) ? "Free" : "Ask the service");

    /// <summary>Whether someone referred now could start soon, in words.</summary>
    public string Places => (Service.CapacityAvailable, Service.WaitDays) switch
    {
        (null, _) => "Ask the service whether it has places",
        ( > 0, 0) => "Places available now",
        ( > 0, var days) => $"Places available; usually answered within {days} {(days == 1 ? "day" : "days")}",
        (_, 0) => "Full at the moment: you can still be referred to the waiting list",
        (_, var days) => $"Full at the moment: waiting list, about {days} {(days == 1 ? "day" : "days")}",
    };

    public string? Ages => (Service.MinimumAge, Service.MaximumAge) switch
    {
        (null, null) => null,
        ({ } min, null) => $"Aged {min} and over",
        (null, { } max) => $"Aged {max} and under",
        ({ } min, { } max) => $"Aged {min} to {max}",
    };
}
