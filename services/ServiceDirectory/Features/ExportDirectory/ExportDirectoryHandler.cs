using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Infrastructure.Import;
using SocialPrescribing.ServiceDirectory.Model;
using SocialPrescribing.Validation;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;

namespace SocialPrescribing.ServiceDirectory.Features.ExportDirectory;

/// <summary>The whole directory as an ORUK service package, for the API and the admin page alike.</summary>
public static class ExportDirectoryHandler
{
    /// <summary>Every service, fully nested, by organisation then name.</summary>
    public static async Task<List<OrukService>> ExportAsync(DirectoryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var all = await db.Services.WithEverything().OrderBy(s => s.Organization.Name).ThenBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var history = await ReferralHistory.LoadAsync(db, [.. all.Select(s => s.Id)], now, cancellationToken);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return [.. all.Select(s => OrukMapping.Full(s, history.GetValueOrDefault(s.Id), today))];
    }
}
