using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Features.ExportDirectory;

/// <summary>The whole directory as an ORUK service package, for the API and the admin page alike.</summary>
public static class ExportDirectoryHandler
{
    /// <summary>Every service, fully nested, by organisation then name: each as last written, nothing a feed sent left out.</summary>
    public static async Task<List<System.Text.Json.Nodes.JsonObject>> ExportAsync(DirectoryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var all = await db.Services.WithEverything().OrderBy(s => s.Organization.Name).ThenBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var history = await ReferralHistory.LoadAsync(db, [.. all.Select(s => s.Id)], now, cancellationToken);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return [.. all.Select(s => OrukMapping.Record(s, history.GetValueOrDefault(s.Id), today))];
    }
}
