using Microsoft.EntityFrameworkCore;

namespace SocialPrescribing.Messaging.Audit;

/// <summary>One entry of "who looked at my record": which service, who, when, what and through which route.</summary>
public sealed record AccessLogEntry(
    string Service, DateTimeOffset At, string Actor, string ActorRoles, string Action, string ResourceType, Guid ResourceId, string Route);

/// <summary>A service's part of a person's access log, with the ids of its records that other services key theirs on.</summary>
public sealed record AccessLogPart(IReadOnlyList<Guid> RecordIds, IReadOnlyList<AccessLogEntry> Entries);

public static class AccessLog
{
    /// <summary>At most this many ids in one ask (a person has a handful of records).</summary>
    public const int MaxIds = 200;

    /// <summary>Every audit entry (reads, writes, refused reads) about any of <paramref name="recordIds"/>, newest first.</summary>
    public static async Task<List<AccessLogEntry>> ForRecordsAsync(
        this DbContext db, string service, IReadOnlyCollection<Guid> recordIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = recordIds.Distinct().ToList();
        return await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => ids.Contains(a.ResourceId))
            .OrderByDescending(a => a.Id)
            .Select(a => new AccessLogEntry(service, a.At, a.Actor, a.ActorRoles, a.Action, a.ResourceType, a.ResourceId, a.Route))
            .ToListAsync(cancellationToken);
    }
}
